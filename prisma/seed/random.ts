// A small seeded PRNG, so the demo organisation is the same on every machine.
import { cycleAt } from "../../lib/lists/cycle";
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => cycleAt(list, Math.floor(next() * list.length)),
    chance: (p: number) => next() < p,
    sample: <T>(list: readonly T[], count: number): T[] => {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [cycleAt(copy, j), cycleAt(copy, i)];
      }
      return copy.slice(0, Math.max(0, Math.min(count, copy.length)));
    },
  };
}
export type Random = ReturnType<typeof createRandom>;
