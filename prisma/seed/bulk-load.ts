// Loads millions of rows fast, for the scale dataset. Rows are arrays in column order.
// SQLite: a connection of its own on the file, multi-row prepared INSERTs in large
// transactions, no fsync until the end. PostgreSQL: chunks of rows travel as one JSON
// parameter each, unpacked by jsonb_to_recordset, several chunks of one table in flight at once.
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePath } from "@/lib/server/database-url";
import { cycleAt } from "../../lib/lists/cycle";

export type ColumnType = "text" | "int" | "real" | "bool" | "datetime" | { enum: string };
export type Columns = [name: string, type: ColumnType][];
export type Cell = string | number | boolean | Date | null;

export type Loader = {
  insert(table: string, columns: Columns, rows: Cell[][]): Promise<void>;
  /** Commits what is pending: call between phases so a crash keeps finished tables. */
  commit(): Promise<void>;
  close(): Promise<void>;
};

export function openLoader(url: string): Loader {
  return providerOf(url) === "postgresql" ? postgresLoader(url) : sqliteLoader(sqlitePath(url));
}

const SQLITE_ROWS = 400;

function sqliteLoader(path: string): Loader {
  const connection = new Database(path);
  // A bulk load of a dataset that can be built again: durability waits for the end.
  connection.pragma("synchronous = OFF");
  connection.pragma("cache_size = -1000000");
  connection.pragma("temp_store = MEMORY");
  connection.pragma("foreign_keys = OFF");
  const statements = new Map<string, Database.Statement>();
  let open = false;
  const cell = (value: Cell, type: ColumnType) => {
    if (value === null) return null;
    if (type === "bool") return value ? 1 : 0;
    // Prisma's SQLite adapter stores ISO 8601 with an explicit offset.
    if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
    return value;
  };
  return {
    async insert(table, columns, rows) {
      if (!open) {
        connection.exec("BEGIN");
        open = true;
      }
      const names = columns.map(([name]) => `"${name}"`).join(", ");
      const tuple = `(${columns.map(() => "?").join(", ")})`;
      for (let start = 0; start < rows.length; start += SQLITE_ROWS) {
        const chunk = rows.slice(start, start + SQLITE_ROWS);
        const key = `${table}:${chunk.length}`;
        let statement = statements.get(key);
        if (!statement) {
          statement = connection.prepare(`INSERT INTO "${table}" (${names}) VALUES ${Array(chunk.length).fill(tuple).join(", ")}`);
          statements.set(key, statement);
        }
        const values: unknown[] = [];
        for (const row of chunk) row.forEach((value, i) => values.push(cell(value, cycleAt(columns, i)[1])));
        statement.run(values);
      }
    },
    async commit() {
      if (open) connection.exec("COMMIT");
      open = false;
    },
    async close() {
      await this.commit();
      connection.pragma("synchronous = FULL");
      connection.exec("ANALYZE");
      connection.close();
    },
  };
}

const PG_ROWS = 5000;
const PG_IN_FLIGHT = 3;

function postgresLoader(url: string): Loader {
  const pool = new pg.Pool({ connectionString: url, max: PG_IN_FLIGHT });
  const pending = new Set<Promise<unknown>>();
  const pgType = (type: ColumnType) =>
    typeof type === "object" ? `"${type.enum}"` : { text: "text", int: "integer", real: "double precision", bool: "boolean", datetime: "timestamp(3)" }[type];
  const send = async (sql: string, json: string) => {
    while (pending.size >= PG_IN_FLIGHT) await Promise.race(pending);
    const query = pool.query(sql, [json]).finally(() => pending.delete(query));
    pending.add(query);
  };
  return {
    async insert(table, columns, rows) {
      // Rows of a table may reference the table loaded before it: that one lands first.
      await Promise.all(pending);
      const names = columns.map(([name]) => `"${name}"`).join(", ");
      const record = columns.map(([name, type]) => `"${name}" ${pgType(type)}`).join(", ");
      const sql = `INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${record})`;
      for (let start = 0; start < rows.length; start += PG_ROWS) {
        const objects = rows.slice(start, start + PG_ROWS).map((row) => Object.fromEntries(row.map((value, i) => [cycleAt(columns, i)[0], value])));
        await send(sql, JSON.stringify(objects));
      }
    },
    async commit() {
      // Each chunk commits by itself; a phase ends when every chunk has landed.
      await Promise.all(pending);
    },
    async close() {
      await this.commit();
      await pool.query("ANALYZE");
      await pool.end();
    },
  };
}
