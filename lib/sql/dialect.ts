// The few places where SQLite and PostgreSQL spell the same thing differently, so that each
// risk rule is written once as SQL and runs in either database.
import type { DatabaseProvider } from "@/lib/server/database-url";

export class Sql {
  readonly params: unknown[] = [];
  constructor(readonly provider: DatabaseProvider) {}

  get sqlite() {
    return this.provider === "sqlite";
  }

  /** A bound parameter, numbered so that a fragment may be placed anywhere and used twice. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /**
   * The statement and its arguments, ready for $executeRawUnsafe. SQLite (through Prisma's
   * adapter) binds only anonymous `?` in order, so numbered placeholders are laid out there;
   * one Sql may serve several statements, each taking only the parameters it uses.
   */
  statement(sql: string): [string, ...unknown[]] {
    // Only the parameters the statement uses, renumbered in order of first use.
    const args: unknown[] = [];
    const seen = new Map<string, number>();
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      if (this.sqlite) {
        args.push(this.params[Number(n) - 1]);
        return "?";
      }
      if (!seen.has(n)) {
        args.push(this.params[Number(n) - 1]);
        seen.set(n, args.length);
      }
      return `$${seen.get(n)}`;
    });
    return [text, ...args];
  }

  /**
   * The column is one of these ids, the list travelling as a single parameter (a JSON array on
   * SQLite, a text array on PostgreSQL), so thousands of ids make no statement with thousands
   * of placeholders.
   */
  inList(column: string, ids: string[]): string {
    // Not `= ANY(array)` on PostgreSQL: past a few thousand ids the planner estimates its rows
    // badly and scans the whole table in parallel (130 ms for 5,000 grants' scopes); a set
    // from unnest is joined by index (20 ms).
    return this.sqlite
      ? `${column} IN (SELECT value FROM json_each(${this.p(JSON.stringify(ids))}))`
      : `${column} IN (SELECT unnest(CAST(${this.p(ids)} AS text[])))`;
  }

  /** A point in time as the column stores it (Prisma's SQLite adapter keeps ISO 8601 text with an offset). */
  at(date: Date): string {
    return this.sqlite ? this.p(date.toISOString().replace("Z", "+00:00")) : `CAST(${this.p(date.toISOString())} AS timestamp(3))`;
  }

  get true(): string {
    return this.sqlite ? "1" : "true";
  }

  /** An enum value, typed where the database has enum types. */
  enumValue(type: string, value: string): string {
    return this.sqlite ? `'${value}'` : `CAST('${value}' AS "${type}")`;
  }

  text(expr: string): string {
    return `CAST(${expr} AS TEXT)`;
  }
  /** A count and its noun in the right number, as SQL: "1 scope", "3 scopes". */
  counted(expr: string, one: string, many = `${one}s`): string {
    return `${this.text(expr)} || CASE WHEN ${expr} = 1 THEN ' ${one}' ELSE ' ${many}' END`;
  }

  /** Whole days from a timestamp column to a moment. */
  daysSince(column: string, now: Date): string {
    return this.sqlite
      ? `((CAST(strftime('%s', ${this.at(now)}) AS INTEGER) - CAST(strftime('%s', ${column}) AS INTEGER)) / 86400)`
      : `CAST(FLOOR(EXTRACT(EPOCH FROM (${this.at(now)} - ${column})) / 86400) AS INTEGER)`;
  }

  /** YYYY-MM-DD of a timestamp column. */
  day(column: string): string {
    return this.sqlite ? `substr(${column}, 1, 10)` : `to_char(${column}, 'YYYY-MM-DD')`;
  }

  /** Comma-separated list of a text expression over a group, in order. */
  list(expr: string): string {
    return this.sqlite ? `group_concat(${expr}, ', ')` : `string_agg(${expr}, ', ' ORDER BY ${expr})`;
  }

  /** Seconds as the console writes a duration (see formatDuration): "15 min", "24 h", "7 d". */
  duration(expr: string): string {
    const oneDecimal = (divisor: number) =>
      `CASE WHEN ${expr} % ${divisor} = 0 THEN ${this.text(`${expr} / ${divisor}`)} ELSE ${this.text(`ROUND(${expr} * 1.0 / ${divisor}, 1)`)} END`;
    return `(CASE WHEN ${expr} < 60 THEN ${this.text(expr)} || ' s'
      WHEN ${expr} < 3600 THEN ${this.text(`CAST(ROUND(${expr} / 60.0) AS INTEGER)`)} || ' min'
      WHEN ${expr} <= 86400 THEN ${oneDecimal(3600)} || ' h'
      ELSE ${oneDecimal(86400)} || ' d' END)`;
  }

  get emptyJson(): string {
    return this.sqlite ? "'{}'" : "CAST('{}' AS jsonb)";
  }
}
