import { describe, expect, it } from "vitest";
import { cycleAt } from "./cycle";

describe("cycleAt", () => {
  it("goes round the list, forwards and backwards", () => {
    expect([0, 1, 2, 3, 4, -1].map((i) => cycleAt(["a", "b", "c"], i))).toEqual(["a", "b", "c", "a", "b", "c"]);
  });
  it("refuses an empty list instead of answering undefined", () => {
    expect(() => cycleAt([], 0)).toThrow(RangeError);
  });
});
