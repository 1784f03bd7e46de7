// Risk that ranks: a score means little alone ("Risk 145" of what?), and a fixed threshold
// marked nearly every item of the demo high. Bands come from the organisation's own open
// reviews instead: the top tenth is high, the next three tenths medium, the rest low.
// Ranked by position, so a large tie at the boundary stays out of the higher band rather
// than flooding it.

export type RiskBand = "HIGH" | "MEDIUM" | "LOW";
export type ScoreCount = { score: number; count: number };
export type RiskScale = {
  /** Scores at or above this are high (the top tenth). */
  high: number;
  /** Scores at or above this, and below `high`, are medium. */
  medium: number;
  /** The highest score among open reviews: the top of the scale shown beside a score. */
  max: number;
  /** How many items the bands were drawn from. */
  population: number;
};

export const BAND_SHARE = { HIGH: 0.1, MEDIUM: 0.4 } as const;

/** The lowest score whose items, with every higher one, stay within `share` of the population. */
function threshold(sorted: ScoreCount[], population: number, share: number): number {
  let within = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (const { score, count } of sorted) {
    if (within + count > share * population) break;
    within += count;
    lowest = score;
  }
  return lowest;
}

export function riskScale(distribution: ScoreCount[]): RiskScale {
  const sorted = distribution.filter((d) => d.count > 0).toSorted((a, b) => b.score - a.score);
  const population = sorted.reduce((n, d) => n + d.count, 0);
  const high = threshold(sorted, population, BAND_SHARE.HIGH);
  const medium = Math.min(high, threshold(sorted, population, BAND_SHARE.MEDIUM));
  return { high, medium, max: sorted[0]?.score ?? 0, population };
}

export function bandOf(score: number, scale: RiskScale): RiskBand {
  if (score >= scale.high) return "HIGH";
  if (score >= scale.medium) return "MEDIUM";
  return "LOW";
}

export const BAND_WORDS: Record<RiskBand, string> = { HIGH: "High risk", MEDIUM: "Medium risk", LOW: "Low risk" };
