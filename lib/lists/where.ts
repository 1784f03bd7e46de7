/**
 * Drops keys whose value is undefined. Prisma runs with strictUndefinedChecks, so an
 * optional filter must be absent rather than undefined (undefined would otherwise
 * silently widen the query; here it would throw).
 */
export function defined<T extends Record<string, unknown>>(object: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** Splits rows into runs of at most `size`: one statement or one transaction each. */
export function chunks<T>(rows: T[], size: number): T[][] {
  return [...runsOf(rows, size)];
}

/** Rows in runs of `size`, taken from the iterable as they are asked for. */
export function* runsOf<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let run: T[] = [];
  for (const row of rows) {
    run.push(row);
    if (run.length === size) {
      yield run;
      run = [];
    }
  }
  if (run.length) yield run;
}

/** Where a batch starts: the first one at the top, each next one just after the last row read. */
export type BatchWindow = { take: number } | { take: number; cursor: { id: string }; skip: 1 };

/**
 * Reads every row of a filtered, ordered list in batches, for CSV export without loading it all
 * at once. Each batch continues from the last row's id (Prisma's cursor, which compares on the
 * list's own order, ties broken by id), so a batch costs the same at the end of a million rows
 * as at the start; an offset would re-read every row before it.
 */
export async function* inBatches<T extends { id: string }>(fetch: (window: BatchWindow) => Promise<T[]>, size = 1000): AsyncGenerator<T> {
  let window: BatchWindow = { take: size };
  for (;;) {
    const rows = await fetch(window);
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    window = { take: size, cursor: { id: last.id }, skip: 1 };
  }
}
