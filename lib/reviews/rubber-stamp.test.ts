import { describe, expect, it } from "vitest";
import { rubberStampFlags } from "./rubber-stamp";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 9, 0, 0) + seconds * 1000);
const series = (reviewerId: string, count: number, gapSeconds: number, decision = "APPROVE") =>
  Array.from({ length: count }, (_, i) => ({ reviewerId, decision, decidedAt: at(i * gapSeconds) }));

describe("rubber-stamping", () => {
  it("flags a reviewer who approves everything a few seconds apart", () => {
    expect(rubberStampFlags(series("fast", 12, 3))).toEqual([{ reviewerId: "fast", decisions: 12, medianSeconds: 3 }]);
  });

  it("does not flag a careful pace, a single revocation, or too few decisions", () => {
    expect(rubberStampFlags(series("slow", 12, 45))).toEqual([]);
    expect(rubberStampFlags([...series("mixed", 11, 2), { reviewerId: "mixed", decision: "REVOKE", decidedAt: at(100) }])).toEqual([]);
    expect(rubberStampFlags(series("few", 9, 1))).toEqual([]);
  });

  it("flags at exactly the limit, not above it", () => {
    expect(rubberStampFlags(series("edge", 10, 10))).toHaveLength(1);
    expect(rubberStampFlags(series("over", 10, 11))).toHaveLength(0);
  });
});
