import { describe, expect, it } from "vitest";
import { bandOf, riskScale } from "./risk-band";

const spread = Array.from({ length: 100 }, (_, i) => ({ score: i, count: 1 }));

describe("risk bands", () => {
  it("makes the top tenth high and the next three tenths medium", () => {
    const scale = riskScale(spread);
    expect(scale).toMatchObject({ high: 90, medium: 60, max: 99, population: 100 });
    expect(spread.filter((d) => bandOf(d.score, scale) === "HIGH")).toHaveLength(10);
    expect(spread.filter((d) => bandOf(d.score, scale) === "MEDIUM")).toHaveLength(30);
    expect(bandOf(59, scale)).toBe("LOW");
  });

  it("keeps a large tie at the boundary out of the higher band", () => {
    // 136 of 137 items share one score: only the one above it is high, the tie is not.
    const scale = riskScale([
      { score: 145, count: 136 },
      { score: 160, count: 1 },
    ]);
    expect(bandOf(160, scale)).toBe("HIGH");
    expect(bandOf(145, scale)).toBe("LOW");
  });

  it("ranks nothing high when nothing is open", () => {
    const scale = riskScale([]);
    expect(scale.population).toBe(0);
    expect(bandOf(500, scale)).toBe("LOW");
  });
});
