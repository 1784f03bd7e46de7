import { describe, expect, it } from "vitest";
import { counted, formatDuration } from "./format";

describe("formatDuration", () => {
  it("reads token lifetimes the way people say them", () => {
    expect(formatDuration(900)).toBe("15 min");
    expect(formatDuration(28_800)).toBe("8 h");
    expect(formatDuration(86_400)).toBe("24 h");
    expect(formatDuration(604_800)).toBe("7 d");
    expect(formatDuration(null)).toBe("never expires");
  });
});

describe("counted", () => {
  it("puts the noun in the number the count needs", () => {
    expect(counted(1, "item")).toBe("1 item");
    expect(counted(0, "item")).toBe("0 items");
    expect(counted(1234, "policy", "policies")).toBe("1,234 policies");
  });
});
