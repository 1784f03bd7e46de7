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
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Reads every row of a filtered list in batches, for CSV export without loading it all at once. */
export async function* inBatches<T>(fetch: (skip: number, take: number) => Promise<T[]>, size = 1000): AsyncGenerator<T> {
  for (let skip = 0; ; skip += size) {
    const rows = await fetch(skip, size);
    yield* rows;
    if (rows.length < size) return;
  }
}
