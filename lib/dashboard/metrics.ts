// The executive overview's figures for the whole organisation or one team / environment (of
// the consumers), read from the dashboard cells (see cells.ts). Kept daily in MetricSnapshot
// so each figure can show its change over 30 days.
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import { db } from "@/lib/server/db";
import { DASHBOARD_MEASURES, readTotals, refreshDashboards } from "./cells";
import type { DashboardFilter } from "./filter";

export const NHI_ITEMS = [
  "NHI1:2025",
  "NHI2:2025",
  "NHI3:2025",
  "NHI4:2025",
  "NHI5:2025",
  "NHI6:2025",
  "NHI7:2025",
  "NHI8:2025",
  "NHI9:2025",
  "NHI10:2025",
] as const;

const pct = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);

type OverviewCount =
  | "apis"
  | "grants.active"
  | "credentials.live"
  | "credentials.longLived"
  | "tokens.known"
  | "tokens.overPolicy"
  | "grants.broad"
  | "agents.aboveBaseline"
  | "reviews.items"
  | "reviews.closed"
  | "reviews.overdue";
type OverviewShare = "credentials.longLivedShare" | "tokens.overPolicyShare" | "grants.broadShare" | "agents.aboveBaselineShare" | "reviews.completion";

/** The overview's figures by name: every one always present, so a page reads them without checks. */
export type OverviewFigure = OverviewCount | OverviewShare | `consumers.${(typeof CONSUMER_KINDS)[number]}` | `findings.${(typeof NHI_ITEMS)[number]}`;
export type Overview = Record<OverviewFigure, number>;

export async function overviewMetrics(filter: DashboardFilter): Promise<Overview> {
  const t = await readTotals(filter, DASHBOARD_MEASURES.overview);
  const counts = {
    apis: t.sum("apis", "apis"),
    "grants.active": t.sum("grants.active", "grants"),
    "credentials.live": t.sum("credentials", "live"),
    "credentials.longLived": t.sum("credentials", "longLived"),
    "tokens.known": t.sum("tokens", "known"),
    "tokens.overPolicy": t.sum("tokens", "overPolicy"),
    "grants.broad": t.sum("grants.broad", "grants"),
    "agents.aboveBaseline": t.sum("agents", "aboveBaseline"),
    "reviews.items": t.sum("reviews", "items"),
    "reviews.closed": t.sum("reviews", "closed"),
    "reviews.overdue": t.sum("reviews.overdue", "items"),
  } satisfies Record<OverviewCount, number>;
  const consumers = {
    "consumers.HUMAN": t.sum("consumers", "consumers", { kind: "HUMAN" }),
    "consumers.SERVICE": t.sum("consumers", "consumers", { kind: "SERVICE" }),
    "consumers.PARTNER": t.sum("consumers", "consumers", { kind: "PARTNER" }),
    "consumers.AGENT": t.sum("consumers", "consumers", { kind: "AGENT" }),
  } satisfies Record<`consumers.${(typeof CONSUMER_KINDS)[number]}`, number>;
  const findings = Object.fromEntries(NHI_ITEMS.map((nhi) => [`findings.${nhi}`, t.sum("findings", "findings", { nhi })])) as Record<
    `findings.${(typeof NHI_ITEMS)[number]}`,
    number
  >;
  return {
    ...counts,
    ...consumers,
    ...findings,
    "credentials.longLivedShare": pct(counts["credentials.longLived"], counts["credentials.live"]),
    "tokens.overPolicyShare": pct(counts["tokens.overPolicy"], counts["tokens.known"]),
    "grants.broadShare": pct(counts["grants.broad"], counts["grants.active"]),
    "agents.aboveBaselineShare": pct(counts["agents.aboveBaseline"], consumers["consumers.AGENT"]),
    "reviews.completion": pct(counts["reviews.closed"], counts["reviews.items"]),
  };
}

const dayOf = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** Today's organisation-wide figures, freshly computed, kept once a day (a second run the same day overwrites). */
export async function snapshotMetrics(now = new Date()): Promise<number> {
  await refreshDashboards(now);
  const metrics = await overviewMetrics({});
  const day = dayOf(now);
  await db.$transaction(async (tx) => {
    await tx.metricSnapshot.deleteMany({ where: { day } });
    await tx.metricSnapshot.createMany({ data: Object.entries(metrics).map(([metric, value]) => ({ day, metric, value })) });
  });
  return Object.keys(metrics).length;
}

export async function snapshotDue(now = new Date()) {
  return (await db.metricSnapshot.count({ where: { day: dayOf(now) } })) === 0;
}

/** Each figure's value on the latest snapshot at least 30 days old, for "change over 30 days". */
export async function valuesThirtyDaysAgo(now = new Date()): Promise<Partial<Overview> | null> {
  const target = dayOf(new Date(now.getTime() - 30 * 86_400_000));
  const latest = await db.metricSnapshot.findFirst({ where: { day: { lte: target } }, orderBy: { day: "desc" }, select: { day: true } });
  if (!latest) return null;
  const rows = await db.metricSnapshot.findMany({ where: { day: latest.day } });
  // A snapshot from before a figure existed lacks it: that figure then shows no change.
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}
