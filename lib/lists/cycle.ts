/** The i-th element of a non-empty list, going round when i passes its end. */
export function cycleAt<T>(list: readonly T[], i: number): T {
  const value = list[((i % list.length) + list.length) % list.length];
  if (value === undefined) throw new RangeError("cycleAt needs a non-empty list");
  return value;
}
