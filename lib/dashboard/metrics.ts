// The executive overview's figures for the whole organisation or one team / environment (of
// the consumers), read from the dashboard cells (see cells.ts). Kept daily in MetricSnapshot
// so each figure can show its change over 30 days.
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import { RULES } from "@/lib/findings/rules";
import { db } from "@/lib/server/db";
import { DASHBOARD_MEASURES, readTotals, refreshDashboards } from "./cells";
import { Environment } from "@/lib/generated/prisma/enums";
import { scopeKey, type DashboardFilter } from "./filter";

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

const NHI_OF_RULE = new Map<string, string>(RULES.map((r) => [r.rule, r.nhi]));

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
  const byRule = t.rows("findings");
  const findings = Object.fromEntries(
    NHI_ITEMS.map((nhi) => [`findings.${nhi}`, byRule.filter((r) => NHI_OF_RULE.get(r.rule) === nhi).reduce((n, r) => n + r.findings, 0)]),
  ) as Record<`findings.${(typeof NHI_ITEMS)[number]}`, number>;
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

/**
 * Every filter the overview can show: the whole organisation, each team, each environment and
 * each team in each environment.
 */
async function everyScope(): Promise<DashboardFilter[]> {
  const teams = await db.team.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const environments = Object.values(Environment);
  return [
    {},
    ...teams.map((t) => ({ teamId: t.id })),
    ...environments.map((environment) => ({ environment })),
    ...teams.flatMap((t) => environments.map((environment) => ({ teamId: t.id, environment }))),
  ];
}

/**
 * Today's figures, freshly computed, kept once a day for every filter (a second run the same
 * day overwrites), so changes and trends hold under a team or environment filter too.
 */
export async function snapshotMetrics(now = new Date()): Promise<number> {
  await refreshDashboards(now);
  const day = dayOf(now);
  const rows: { day: Date; scope: string; metric: string; value: number }[] = [];
  for (const filter of await everyScope()) {
    const scope = scopeKey(filter);
    for (const [metric, value] of Object.entries(await overviewMetrics(filter))) rows.push({ day, scope, metric, value });
  }
  await db.$transaction(async (tx) => {
    await tx.metricSnapshot.deleteMany({ where: { day } });
    await tx.metricSnapshot.createMany({ data: rows });
  });
  return rows.length;
}

export async function snapshotDue(now = new Date()) {
  return (await db.metricSnapshot.count({ where: { day: dayOf(now), scope: "" } })) === 0;
}

/** Each figure's value under the filter on the latest snapshot at least 30 days old, for "change over 30 days". */
export async function valuesThirtyDaysAgo(filter: DashboardFilter = {}, now = new Date()): Promise<Partial<Overview> | null> {
  const scope = scopeKey(filter);
  const target = dayOf(new Date(now.getTime() - 30 * 86_400_000));
  const latest = await db.metricSnapshot.findFirst({ where: { scope, day: { lte: target } }, orderBy: { day: "desc" }, select: { day: true } });
  if (!latest) return null;
  const rows = await db.metricSnapshot.findMany({ where: { scope, day: latest.day } });
  // A snapshot from before a figure existed lacks it: that figure then shows no change.
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}

/** Daily values of some figures under the filter over the last `days` days, oldest first, for trend lines. */
export async function trends<F extends OverviewFigure>(filter: DashboardFilter, figures: readonly F[], days: number, now = new Date()) {
  const rows = await db.metricSnapshot.findMany({
    where: { scope: scopeKey(filter), metric: { in: [...figures] }, day: { gte: dayOf(new Date(now.getTime() - days * 86_400_000)) } },
    orderBy: { day: "asc" },
    select: { day: true, metric: true, value: true },
  });
  const out = Object.fromEntries(figures.map((f) => [f, [] as { day: Date; value: number }[]])) as Record<F, { day: Date; value: number }[]>;
  for (const row of rows) {
    const figure = figures.find((f) => f === row.metric);
    if (figure) out[figure].push({ day: row.day, value: row.value });
  }
  return out;
}
