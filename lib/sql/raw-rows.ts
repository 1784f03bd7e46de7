// Rows of a hand-written statement, typed by their schema.
import type { z } from "zod";
import { db } from "@/lib/server/db";
import type { Sql } from "./dialect";
import { parseRows } from "./rows";

export async function rawRows<S extends z.ZodType>(q: Sql, sql: string, row: S): Promise<z.output<S>[]> {
  return parseRows(row, await db.$queryRawUnsafe<unknown[]>(...q.statement(sql)));
}
