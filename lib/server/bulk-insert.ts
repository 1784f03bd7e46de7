// Many rows in few statements. Prisma's createMany on the WebAssembly query compiler costs
// about half a millisecond a row, too slow for a launch over 100,000 grants. On SQLite the
// rows go straight to the driver connection Prisma's open transaction lives on, as multi-row
// INSERTs; on PostgreSQL each chunk travels as one JSON parameter that jsonb_to_recordset
// unpacks. Used only where such volume is expected.
import { randomBytes } from "node:crypto";
import type { Tx } from "./db";
import { provider } from "./db";
import { sqliteDriver } from "./driver";

export type ColumnType = "text" | "int" | "bool" | "json" | "datetime" | { enum: string };
export type Column = { name: string; type: ColumnType };

const ROWS_PER_STATEMENT = 2000;

/**
 * Ids that sort in insertion order (a per-call random prefix, then a counter), so the
 * primary-key index grows at its end instead of splitting pages at random places.
 */
function sequentialIds(count: number): string[] {
  const prefix = `b${Date.now().toString(36)}${randomBytes(6).toString("hex")}`;
  return Array.from({ length: count }, (_, i) => `${prefix}${i.toString(36).padStart(7, "0")}`);
}

function pgType(type: ColumnType): string {
  if (typeof type === "object") return `"${type.enum}"`;
  return { text: "text", int: "integer", bool: "boolean", json: "jsonb", datetime: "timestamp(3)" }[type];
}

function statement(table: string, columns: Column[], sqlite: boolean): string {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  if (sqlite) {
    // json_extract returns JSON text for objects and arrays, 1/0 for booleans, NULL for null.
    const cells = columns.map((c) => `json_extract(value, '$.${c.name}')`).join(", ");
    return `INSERT INTO "${table}" (${names}) SELECT ${cells} FROM json_each(?)`;
  }
  const record = columns.map((c) => `"${c.name}" ${pgType(c.type)}`).join(", ");
  return `INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${record})`;
}

/** Values a bulk insert fills in itself, by column name, from the row's position. */
type Generated = Record<string, (index: number) => unknown>;

/** How many of the rows are written, told after each statement (an import's progress). */
export type OnRows = (written: number) => void;

/**
 * Inserts rows (objects keyed by column name) with a generated `id` and `now` as their
 * `createdAt` and `updatedAt`. Returns the ids in row order.
 */
export async function bulkInsert(tx: Tx, table: string, columns: Column[], rows: Record<string, unknown>[], now: Date): Promise<string[]> {
  const ids = sequentialIds(rows.length);
  // Prisma's SQLite adapter stores ISO 8601 with an explicit offset.
  const stamp = provider() === "sqlite" ? now.toISOString().replace("Z", "+00:00") : now.toISOString();
  const all: Column[] = [{ name: "id", type: "text" }, ...columns, { name: "createdAt", type: "datetime" }, { name: "updatedAt", type: "datetime" }];
  await insertRows(tx, table, all, rows, { generated: { id: (i) => ids[i], createdAt: () => stamp, updatedAt: () => stamp } });
  return ids;
}

/** Inserts rows as they are, with the generated columns filled in: for tables keyed by the rows' own values. */
export async function insertRows(
  tx: Tx,
  table: string,
  columns: Column[],
  rows: Record<string, unknown>[],
  options: { generated?: Generated; onRows?: OnRows } = {},
): Promise<void> {
  const { generated = {}, onRows } = options;
  const connection = sqliteDriver();
  if (connection) return insertOnSqliteConnection(connection, table, columns, rows, generated, onRows);
  const sql = statement(table, columns, provider() === "sqlite");
  const fill = Object.entries(generated);
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT).map((row, i) => {
      const filled = { ...row };
      for (const [name, value] of fill) filled[name] = value(start + i);
      return filled;
    });
    await tx.$executeRawUnsafe(sql, JSON.stringify(chunk));
    onRows?.(start + chunk.length);
  }
}

const SQLITE_ROWS_PER_STATEMENT = 500;

async function insertOnSqliteConnection(
  connection: NonNullable<ReturnType<typeof sqliteDriver>>,
  table: string,
  columns: Column[],
  rows: Record<string, unknown>[],
  generated: Generated,
  onRows?: OnRows,
) {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const cell = (value: unknown, type: ColumnType) => {
    if (value === null || value === undefined) return null;
    if (type === "json") return JSON.stringify(value);
    if (type === "bool") return value ? 1 : 0;
    return value;
  };
  const prepared = new Map<number, ReturnType<typeof connection.prepare>>();
  for (let start = 0; start < rows.length; start += SQLITE_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + SQLITE_ROWS_PER_STATEMENT);
    let statement = prepared.get(chunk.length);
    if (!statement) {
      statement = connection.prepare(`INSERT INTO "${table}" (${names}) VALUES ${Array(chunk.length).fill(tuple).join(", ")}`);
      prepared.set(chunk.length, statement);
    }
    // Rows belong to the caller's transaction. One that ran past its time limit has been rolled
    // back: writing on would commit these rows alone, outside it.
    if (!connection.inTransaction) throw new Error(`The transaction writing ${table} ended before its rows were written (it ran past its time limit)`);
    const values: unknown[] = [];
    chunk.forEach((row, i) => {
      for (const column of columns) {
        const fill = generated[column.name];
        values.push(fill ? fill(start + i) : cell(row[column.name], column.type));
      }
    });
    statement.run(...values);
    onRows?.(start + chunk.length);
    // The driver is synchronous: between statements, the server answers whatever else waits.
    await new Promise(setImmediate);
  }
}
