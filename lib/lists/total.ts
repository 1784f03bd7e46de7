// How many rows a long list holds. Counting every matching row of a million-row table costs
// more than reading the page; up to EXACT_UP_TO the count is exact, past it the database's
// own estimate is shown, and said to be one. (SQLite keeps no estimate; it counts an index in
// process, in milliseconds, and its lists say the exact figure.)
export const EXACT_UP_TO = 10_000;

export type Total = { count: number; estimated: boolean };

/** `count(limit)` counts at most `limit` rows; `estimate` is asked only past EXACT_UP_TO. */
export async function listTotal(count: (limit: number) => Promise<number>, estimate: () => Promise<number>): Promise<Total> {
  const capped = await count(EXACT_UP_TO + 1);
  if (capped <= EXACT_UP_TO) return { count: capped, estimated: false };
  // The planner may guess low: a list known to hold more than EXACT_UP_TO never says fewer.
  return { count: Math.max(Math.round(await estimate()), EXACT_UP_TO + 1), estimated: true };
}
