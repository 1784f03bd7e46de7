// Many rows in few statements. Prisma's createMany on the WebAssembly query compiler costs
// about half a millisecond a row, and so does a raw INSERT with one parameter per cell: too
// slow for a launch over 100,000 grants. Here each chunk of rows travels as ONE JSON
// parameter that the database unpacks itself (json_each on SQLite, jsonb_to_recordset on
// PostgreSQL), which costs a few microseconds a row. Used only where such volume is expected.
import { randomUUID } from "node:crypto";
import type { Tx } from "./db";
import { provider } from "./db";

export type ColumnType = "text" | "int" | "bool" | "json" | "datetime" | { enum: string };
export type Column = { name: string; type: ColumnType };

const ROWS_PER_STATEMENT = 2000;

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

/**
 * Inserts rows (objects keyed by column name) with a generated `id` and `now` as their
 * `createdAt` and `updatedAt`. Returns the ids in row order.
 */
export async function bulkInsert(tx: Tx, table: string, columns: Column[], rows: Record<string, unknown>[], now: Date): Promise<string[]> {
  const sqlite = provider() === "sqlite";
  const all: Column[] = [{ name: "id", type: "text" }, ...columns, { name: "createdAt", type: "datetime" }, { name: "updatedAt", type: "datetime" }];
  // Prisma's SQLite adapter stores ISO 8601 with an explicit offset.
  const stamp = sqlite ? now.toISOString().replace("Z", "+00:00") : now.toISOString();
  const sql = statement(table, all, sqlite);
  const ids = rows.map(() => randomUUID());
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT).map((row, i) => ({ ...row, id: ids[start + i], createdAt: stamp, updatedAt: stamp }));
    await tx.$executeRawUnsafe(sql, JSON.stringify(chunk));
  }
  return ids;
}
