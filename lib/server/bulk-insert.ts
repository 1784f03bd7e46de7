// Many rows in few statements. Prisma's createMany on the WebAssembly query compiler costs
// about half a millisecond a row, too slow for a launch over 100,000 grants. On SQLite the
// rows go straight to the driver connection Prisma's open transaction lives on, as multi-row
// INSERTs; on PostgreSQL they stream in with COPY on the transaction's connection (pg-copy.ts).
// Used only where such volume is expected.
import { randomBytes } from "node:crypto";
import type { Tx } from "./db";
import { provider } from "./db";
import { sqliteDriver } from "./driver";
import { copyRows } from "./pg-copy";
import { runsOf } from "@/lib/lists/where";

export type ColumnType = "text" | "int" | "bool" | "json" | "datetime" | { enum: string };
export type Column = { name: string; type: ColumnType };

const ROWS_PER_STATEMENT = 2000;

/**
 * Ids that sort in insertion order (a per-call random prefix, then a counter), so the
 * primary-key index grows at its end instead of splitting pages at random places.
 */
function sequentialIds(): (index: number) => string {
  const prefix = `b${Date.now().toString(36)}${randomBytes(6).toString("hex")}`;
  return (i) => `${prefix}${i.toString(36).padStart(7, "0")}`;
}

/** SQLite before its driver connection is open: each chunk as one JSON parameter. */
function statement(table: string, columns: Column[]): string {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  // json_extract returns JSON text for objects and arrays, 1/0 for booleans, NULL for null.
  const cells = columns.map((c) => `json_extract(value, '$.${c.name}')`).join(", ");
  return `INSERT INTO "${table}" (${names}) SELECT ${cells} FROM json_each(?)`;
}

/** Values a bulk insert fills in itself, by column name, from the row's position. */
type Generated = Record<string, (index: number) => unknown>;

/** How many of the rows are written, told after each statement (an import's progress). */
export type OnRows = (written: number) => void;

/** A row to insert, keyed by column name. */
export type Row = Record<string, unknown>;

/**
 * Inserts rows with a generated `id` and `now` as their `createdAt` and `updatedAt`. The rows
 * may be made as they are written (a generator): on PostgreSQL the server stores one run while
 * the next is being made. Returns how many were written.
 */
export async function bulkInsert(tx: Tx, table: string, columns: Column[], rows: Iterable<Row>, now: Date): Promise<number> {
  const id = sequentialIds();
  // Prisma's SQLite adapter stores ISO 8601 with an explicit offset.
  const stamp = provider() === "sqlite" ? now.toISOString().replace("Z", "+00:00") : now.toISOString();
  const all: Column[] = [{ name: "id", type: "text" }, ...columns, { name: "createdAt", type: "datetime" }, { name: "updatedAt", type: "datetime" }];
  return insertRows(tx, table, all, rows, { generated: { id, createdAt: () => stamp, updatedAt: () => stamp } });
}

/** Inserts rows as they are, with the generated columns filled in: for tables keyed by the rows' own values. */
export async function insertRows(
  tx: Tx,
  table: string,
  columns: Column[],
  rows: Iterable<Row>,
  options: { generated?: Generated; onRows?: OnRows } = {},
): Promise<number> {
  const { generated = {}, onRows } = options;
  const cell = (row: Row, index: number, column: Column) => generated[column.name]?.(index) ?? row[column.name];
  const connection = sqliteDriver();
  if (connection) return insertOnSqliteConnection(connection, table, columns, rows, cell, onRows);
  if (provider() === "postgresql") return copyRows(tx, table, columns, rows, cell, onRows);
  const sql = statement(table, columns);
  let written = 0;
  for (const run of runsOf(rows, ROWS_PER_STATEMENT)) {
    const chunk = run.map((row, i) => Object.fromEntries(columns.map((column) => [column.name, cell(row, written + i, column)])));
    await tx.$executeRawUnsafe(sql, JSON.stringify(chunk));
    written += run.length;
    onRows?.(written);
  }
  return written;
}

const SQLITE_ROWS_PER_STATEMENT = 500;

async function insertOnSqliteConnection(
  connection: NonNullable<ReturnType<typeof sqliteDriver>>,
  table: string,
  columns: Column[],
  rows: Iterable<Row>,
  cellOf: (row: Row, index: number, column: Column) => unknown,
  onRows?: OnRows,
): Promise<number> {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const cell = (value: unknown, type: ColumnType) => {
    if (value === null || value === undefined) return null;
    if (type === "json") return JSON.stringify(value);
    if (type === "bool") return value ? 1 : 0;
    return value;
  };
  const prepared = new Map<number, ReturnType<typeof connection.prepare>>();
  let written = 0;
  for (const chunk of runsOf(rows, SQLITE_ROWS_PER_STATEMENT)) {
    let statement = prepared.get(chunk.length);
    if (!statement) {
      statement = connection.prepare(`INSERT INTO "${table}" (${names}) VALUES ${Array(chunk.length).fill(tuple).join(", ")}`);
      prepared.set(chunk.length, statement);
    }
    // Rows belong to the caller's transaction. One that ran past its time limit has been rolled
    // back: writing on would commit these rows alone, outside it.
    if (!connection.inTransaction) throw new Error(`The transaction writing ${table} ended before its rows were written (it ran past its time limit)`);
    // One array of the chunk's values, sized up front and handed over whole (the driver binds
    // an array's items in order): no growing, no spread of thousands of arguments.
    const values: unknown[] = new Array(chunk.length * columns.length);
    let at = 0;
    chunk.forEach((row, i) => {
      for (const column of columns) values[at++] = cell(cellOf(row, written + i, column), column.type);
    });
    statement.run(values);
    written += chunk.length;
    onRows?.(written);
    // The driver is synchronous: between statements, the server answers whatever else waits.
    await new Promise(setImmediate);
  }
  return written;
}
