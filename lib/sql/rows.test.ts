import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseRows, sqlFlag, sqlNumber, sqlTime } from "./rows";

describe("row schemas", () => {
  it("read an aggregate whichever way the driver returns it", () => {
    const decimal = { toNumber: () => 2.5, valueOf: () => "2.5" };
    expect([3, 3n, "3", decimal].map((v) => sqlNumber.parse(v))).toEqual([3, 3, 3, 2.5]);
  });

  it("refuse a value that is not a number instead of passing NaN on", () => {
    expect(sqlNumber.safeParse("three").success).toBe(false);
    expect(sqlNumber.safeParse(null).success).toBe(false);
  });

  it("read SQLite's 0/1 and PostgreSQL's booleans alike", () => {
    expect([0, 1, 0n, 1n, true, false].map((v) => sqlFlag.parse(v))).toEqual([false, true, false, true, true, false]);
  });

  it("name the row and column of a value of the wrong shape", () => {
    const row = z.object({ id: z.string(), at: sqlTime });
    expect(parseRows(row, [{ id: "a", at: "2026-11-30T00:00:00.000+00:00" }])).toHaveLength(1);
    const failed = z.array(row).safeParse([
      { id: "a", at: "x" },
      { id: 2, at: new Date() },
    ]);
    expect(failed.error?.issues.map((issue) => issue.path)).toEqual([[1, "id"]]);
  });
});
