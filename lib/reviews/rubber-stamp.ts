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
    const gaps = times
      .slice(1)
      .map((t, i) => (t - times[i]) / 1000)
      .sort((a, b) => a - b);
    const median = gaps.length % 2 ? gaps[(gaps.length - 1) / 2] : (gaps[gaps.length / 2 - 1] + gaps[gaps.length / 2]) / 2;
    if (median <= limits.maxMedianSeconds) flags.push({ reviewerId, decisions: list.length, medianSeconds: Math.round(median * 10) / 10 });
  }
  return flags;
}
