import { describe, expect, it } from "vitest";
import { choiceCell, dateCell, yesNoCell } from "./csv-cells";

describe("date cells", () => {
  it("read ISO days and instants", () => {
    expect(dateCell("expiresAt", "2026-12-31")).toEqual({ ok: true, value: new Date("2026-12-31T00:00:00.000Z") });
    expect(dateCell("createdAt", "2026-11-30T10:12:33.123Z")).toEqual({ ok: true, value: new Date("2026-11-30T10:12:33.123Z") });
    expect(dateCell("createdAt", "2026-11-30 10:12:33+01:00")).toEqual({ ok: true, value: new Date("2026-11-30T09:12:33.000Z") });
    expect(dateCell("expiresAt", "")).toEqual({ ok: true, value: undefined });
  });

  it("read Excel's serial days", () => {
    expect(dateCell("expiresAt", "46387")).toEqual({ ok: true, value: new Date("2026-12-31T00:00:00.000Z") });
    expect(dateCell("expiresAt", "45658.5")).toEqual({ ok: true, value: new Date("2025-01-01T12:00:00.000Z") });
  });

  it("refuse what is not a date, saying what to write", () => {
    for (const bad of ["31/12/2026", "12/31/2026", "2026-02-30", "tomorrow", "0", "99999999"]) {
      const cell = dateCell("expiresAt", bad);
      expect(cell.ok, bad).toBe(false);
      if (!cell.ok) expect(cell.message).toContain("YYYY-MM-DD");
    }
  });
});

describe("yes/no cells", () => {
  it("read what spreadsheets write", () => {
    for (const yes of ["TRUE", "true", "Yes", "y", "1"]) expect(yesNoCell("isCiPipeline", yes)).toEqual({ ok: true, value: true });
    for (const no of ["FALSE", "false", "No", "0", ""]) expect(yesNoCell("isCiPipeline", no)).toEqual({ ok: true, value: false });
    expect(yesNoCell("isCiPipeline", "maybe")).toMatchObject({ ok: false });
  });
});

describe("choice cells", () => {
  it("read any case, default when empty, refuse the unknown", () => {
    expect(choiceCell("status", "revoked", ["ACTIVE", "REVOKED"] as const, "ACTIVE")).toEqual({ ok: true, value: "REVOKED" });
    expect(choiceCell("status", "", ["ACTIVE", "REVOKED"] as const, "ACTIVE")).toEqual({ ok: true, value: "ACTIVE" });
    expect(choiceCell("status", "gone", ["ACTIVE", "REVOKED"] as const, "ACTIVE")).toMatchObject({ ok: false });
  });
});
