// Rows into PostgreSQL with COPY … FROM STDIN, inside the caller's Prisma transaction.
// COPY is PostgreSQL's own bulk path: no statement to plan per chunk, no JSON to unpack, and
// no multi-megabyte parameter through Prisma's query engine (which cost a launch over 100,000
// grants more CPU time than the rows' own making). It runs on the connection the transaction
// holds (pgConnectionOf in driver.ts).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { runsOf } from "@/lib/lists/where";
import type { Column, ColumnType } from "./bulk-insert";
import type { Tx } from "./db";
import { pgConnectionOf } from "./driver";

// COPY's text format: a tab between values, a newline after each row, \N for NULL, and a
// backslash before any of these inside a value.
const ESCAPED: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const SPECIAL = /[\\\t\n\r]/g;
// Most values hold none of these, and looking for each with includes() is several times
// faster than a regular expression's scan (a launch writes 130 MB of JSON).
const escape = (text: string) =>
  text.includes("\\") || text.includes("\t") || text.includes("\n") || text.includes("\r") ? text.replace(SPECIAL, (c) => ESCAPED[c] ?? c) : text;
// JSON text escapes control characters itself: only its backslashes need doubling.
const escapeJson = (json: string) => (json.includes("\\") ? json.replaceAll("\\", "\\\\") : json);

function cell(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined) return "\\N";
  if (type === "json") return escapeJson(JSON.stringify(value));
  if (type === "bool") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  return escape(String(value));
}

const LINES_PER_CHUNK = 500;

/**
 * Writes the rows with one COPY on the transaction's connection and returns how many.
 * `value(row, index, column)` gives each cell (generated columns included). Rows are taken
 * from the iterable and turned into text a run at a time, as the server takes them: a
 * generator that makes its rows lazily has the server storing one run while it makes the next.
 */
export async function copyRows<R>(
  tx: Tx,
  table: string,
  columns: Column[],
  rows: Iterable<R>,
  value: (row: R, index: number, column: Column) => unknown,
  onRows?: (written: number) => void,
): Promise<number> {
  const connection = await pgConnectionOf(tx, { alive: true });
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const into = connection.query(copyFrom(`COPY "${table}" (${names}) FROM STDIN`));
  let written = 0;
  function* text() {
    for (const run of runsOf(rows, LINES_PER_CHUNK)) {
      yield run.map((row, i) => columns.map((column) => cell(value(row, written + i, column), column.type)).join("\t") + "\n").join("");
      written += run.length;
      onRows?.(written);
    }
  }
  await pipeline(Readable.from(text()), into);
  return written;
}
