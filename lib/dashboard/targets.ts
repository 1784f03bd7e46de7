// What "good" is for each headline figure of the overview: a target, and an alert line past
// which the figure is off target rather than near it. A figure shows its status in colour
// and in words, so "98.7% of agents above baseline" never reads like "24 APIs".
import type { OverviewFigure } from "./metrics";

export type Status = "ON_TARGET" | "NEAR" | "OFF_TARGET";
export type Target = { target: number; alert: number; lowerIsBetter: boolean };

export const TARGETS = {
  "tokens.overPolicyShare": { target: 5, alert: 15, lowerIsBetter: true },
  "credentials.longLivedShare": { target: 10, alert: 25, lowerIsBetter: true },
  "grants.broadShare": { target: 10, alert: 20, lowerIsBetter: true },
  "agents.aboveBaselineShare": { target: 20, alert: 50, lowerIsBetter: true },
  "reviews.completion": { target: 90, alert: 60, lowerIsBetter: false },
  "reviews.overdue": { target: 0, alert: 10, lowerIsBetter: true },
} as const satisfies Partial<Record<OverviewFigure, Target>>;
export type HeadlineFigure = keyof typeof TARGETS;

export function statusOf(value: number, { target, alert, lowerIsBetter }: Target): Status {
  if (lowerIsBetter ? value <= target : value >= target) return "ON_TARGET";
  if (lowerIsBetter ? value <= alert : value >= alert) return "NEAR";
  return "OFF_TARGET";
}

/** How far past its target a figure is, as a share of the distance from target to alert line. */
export function shortfall(value: number, { target, alert, lowerIsBetter }: Target): number {
  const span = Math.max(1, Math.abs(alert - target));
  return Math.max(0, (lowerIsBetter ? value - target : target - value) / span);
}

export const STATUS_WORDS: Record<Status, string> = { ON_TARGET: "On target", NEAR: "Near target", OFF_TARGET: "Off target" };
