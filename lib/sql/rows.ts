// Row schemas for hand-written SQL. A raw statement's rows are checked and typed by a zod
// schema instead of a cast, and the schemas absorb what differs between the drivers: SQLite's
// driver returns times as ISO text and booleans as 0/1, PostgreSQL's returns Dates, booleans,
// and COUNT or SUM as bigint or decimal.
import { z } from "zod";

const decimal = z.custom<{ toNumber(): number }>((v) => typeof v === "object" && v !== null && "toNumber" in v && typeof v.toNumber === "function");

/** A count or sum: number, bigint, decimal or numeric text, as a number. */
export const sqlNumber = z.union([z.number(), z.bigint(), z.string(), decimal]).transform((value, ctx) => {
  const n = Number(value);
  if (Number.isNaN(n)) {
    ctx.addIssue({ code: "custom", message: `not a number: ${String(value)}` });
    return z.NEVER;
  }
  return n;
});

/** A time as the driver returns it: ISO text (SQLite) or a Date (PostgreSQL), left as it is. */
export const sqlTime = z.union([z.string(), z.date()]);

/** A boolean as the driver returns it: 0/1, as a number or a bigint (SQLite), or true/false (PostgreSQL). */
export const sqlFlag = z.union([z.boolean(), z.number(), z.bigint()]).transform(Boolean);

/** The rows of a statement, checked against the row's schema. */
export function parseRows<S extends z.ZodType>(row: S, rows: unknown): z.output<S>[] {
  return z.array(row).parse(rows);
}
