// Rows of a hand-written statement, with the database's big integers as numbers.
import { db } from "@/lib/server/db";
import type { Sql } from "./dialect";

export async function rawRows<T>(q: Sql, sql: string): Promise<T[]> {
  const rows = await db.$queryRawUnsafe<T[]>(...q.statement(sql));
  // COUNT and SUM come back as bigint or decimal depending on the database.
  return rows.map((row) => Object.fromEntries(Object.entries(row as object).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])) as T);
}
