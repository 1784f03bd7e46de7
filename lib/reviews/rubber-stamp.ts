// "Possible rubber-stamping": a reviewer who approved every item they decided, at a pace of
// a few seconds per item. A signal for the campaign owner to look at, not a verdict.

export type TimedDecision = { reviewerId: string; decision: string; decidedAt: Date };
export type RubberStampFlag = { reviewerId: string; decisions: number; medianSeconds: number };

export const RUBBER_STAMP = { minDecisions: 10, maxMedianSeconds: 10 };

export function rubberStampFlags(decisions: TimedDecision[], limits = RUBBER_STAMP): RubberStampFlag[] {
  const byReviewer = new Map<string, TimedDecision[]>();
  for (const d of decisions) {
    const list = byReviewer.get(d.reviewerId);
    if (list) list.push(d);
    else byReviewer.set(d.reviewerId, [d]);
  }
  const flags: RubberStampFlag[] = [];
  for (const [reviewerId, list] of byReviewer) {
    if (list.length < limits.minDecisions || list.some((d) => d.decision !== "APPROVE")) continue;
    const times = list.map((d) => d.decidedAt.getTime()).sort((a, b) => a - b);
    const gaps: number[] = [];
    for (const [i, t] of times.entries()) if (i > 0) gaps.push((t - (times[i - 1] ?? t)) / 1000);
    const median = medianOf(gaps);
    if (median !== undefined && median <= limits.maxMedianSeconds)
      flags.push({ reviewerId, decisions: list.length, medianSeconds: Math.round(median * 10) / 10 });
  }
  return flags;
}

function medianOf(values: number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  const upper = sorted[sorted.length >> 1];
  if (upper === undefined) return undefined;
  return sorted.length % 2 ? upper : (upper + (sorted[(sorted.length >> 1) - 1] ?? upper)) / 2;
}
