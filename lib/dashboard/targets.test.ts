import { describe, expect, it } from "vitest";
import { TARGETS, shortfall, statusOf } from "./targets";

describe("headline targets", () => {
  it("reads a lower-is-better share against its target and alert line", () => {
    const t = TARGETS["agents.aboveBaselineShare"];
    expect(statusOf(12, t)).toBe("ON_TARGET");
    expect(statusOf(20, t)).toBe("ON_TARGET");
    expect(statusOf(35, t)).toBe("NEAR");
    expect(statusOf(98.7, t)).toBe("OFF_TARGET");
  });

  it("reads a higher-is-better share the other way round", () => {
    const t = TARGETS["reviews.completion"];
    expect(statusOf(95, t)).toBe("ON_TARGET");
    expect(statusOf(70, t)).toBe("NEAR");
    expect(statusOf(10, t)).toBe("OFF_TARGET");
  });

  it("ranks the figure furthest past its target first", () => {
    expect(shortfall(98.7, TARGETS["agents.aboveBaselineShare"])).toBeGreaterThan(shortfall(16, TARGETS["grants.broadShare"]));
    expect(shortfall(3, TARGETS["tokens.overPolicyShare"])).toBe(0);
  });
});
