// The executive overview's figures for the whole organisation or one team / environment (of
// the consumers), read from the dashboard cells (see cells.ts). Kept daily in MetricSnapshot
// so each figure can show its change over 30 days.
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import { db } from "@/lib/server/db";
import { DASHBOARD_MEASURES, readTotals, refreshDashboards } from "./cells";
import type { DashboardFilter } from "./filter";

export const NHI_ITEMS = Array.from({ length: 10 }, (_, i) => `NHI${i + 1}:2025`);

const pct = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);

export type Overview = Record<string, number>;

export async function overviewMetrics(filter: DashboardFilter): Promise<Overview> {
  const t = await readTotals(filter, DASHBOARD_MEASURES.overview);
  const m: Overview = {
    apis: t.sum("apis"),
    "grants.active": t.sum("grants.active"),
    "credentials.live": t.sum("credentials"),
    "credentials.longLived": t.sum("credentials", "v2"),
    "tokens.known": t.sum("tokens"),
    "tokens.overPolicy": t.sum("tokens", "v2"),
    "grants.broad": t.sum("grants.broad"),
    "agents.aboveBaseline": t.sum("agents"),
    "reviews.items": t.sum("reviews"),
    "reviews.closed": t.sum("reviews", "v2"),
    "reviews.overdue": t.sum("reviews.overdue"),
  };
  for (const kind of CONSUMER_KINDS) m[`consumers.${kind}`] = t.sum("consumers", "v1", kind);
  m["credentials.longLivedShare"] = pct(m["credentials.longLived"], m["credentials.live"]);
  m["tokens.overPolicyShare"] = pct(m["tokens.overPolicy"], m["tokens.known"]);
  m["grants.broadShare"] = pct(m["grants.broad"], m["grants.active"]);
  m["agents.aboveBaselineShare"] = pct(m["agents.aboveBaseline"], m["consumers.AGENT"]);
  m["reviews.completion"] = pct(m["reviews.closed"], m["reviews.items"]);
  for (const nhi of NHI_ITEMS) m[`findings.${nhi}`] = t.sum("findings", "v1", nhi);
  return m;
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
export async function valuesThirtyDaysAgo(now = new Date()): Promise<Overview | null> {
  const target = dayOf(new Date(now.getTime() - 30 * 86_400_000));
  const latest = await db.metricSnapshot.findFirst({ where: { day: { lte: target } }, orderBy: { day: "desc" }, select: { day: true } });
  if (!latest) return null;
  const rows = await db.metricSnapshot.findMany({ where: { day: latest.day } });
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}
