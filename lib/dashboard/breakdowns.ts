// The detailed dashboards: token lifetimes, scope breadth, agents against human roles, read
// from the dashboard cells (see cells.ts) under the same team / environment filter as the
// overview.
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import { loadPolicy } from "@/lib/policy/policy";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { cellsAsOf, readTop, readTotals } from "./cells";
import type { DashboardFilter } from "./filter";
import type { MeasureRow } from "./measures";

export const KINDS = CONSUMER_KINDS;
export const LIFETIME_BUCKETS = ["≤5 min", "≤15 min", "≤1 h", "≤8 h", "≤24 h", "≤7 d", ">7 d", "never expires"] as const;
export const AGE_BUCKETS = ["≤30 d", "≤90 d", "≤180 d", "≤1 y", ">1 y"] as const;
export const BREADTH_BUCKETS = ["≤10%", "≤25%", "≤50%", "≤75%", "<100%", "100%"] as const;
export const INDUSTRY_AGENT_SHARE = 70;

/** Rows of (bucket index, kind, n) into one row per bucket with a column per kind. */
function pivot<B extends readonly string[]>(buckets: B, rows: { bucket: number; kind: string; n: number }[], keys: readonly string[]) {
  return buckets.map((label, i) => ({
    label,
    ...Object.fromEntries(keys.map((k) => [k, Number(rows.find((r) => Number(r.bucket) === i && r.kind === k)?.n ?? 0)])),
  }));
}

/** A figure for each consumer kind. */
const perKind = (figure: (kind: (typeof KINDS)[number]) => number) =>
  Object.fromEntries(KINDS.map((kind) => [kind, figure(kind)])) as Record<(typeof KINDS)[number], number>;

/** Credentials by bucket and kind into one row per bucket with a column per kind. */
const bucketsByKind = <B extends readonly string[]>(buckets: B, rows: MeasureRow<"token.lifetimes" | "token.ages">[], keys: readonly string[]) =>
  pivot(
    buckets,
    rows.map((r) => ({ bucket: Number(r.bucket), kind: r.kind, n: r.credentials })),
    keys,
  );

export async function tokenDashboard(ctx: Ctx, filter: DashboardFilter) {
  requirePermission(ctx, "dashboard.read");
  const [policy, t, asOf] = await Promise.all([
    loadPolicy(db),
    readTotals(filter, ["token.lifetimes", "token.ages", "tokens.neverExpiring", "tokens", "token.constraint"]),
    cellsAsOf(),
  ]);
  const constraint = t.rows("token.constraint");
  return {
    asOf,
    policy: policy.maxTokenLifetime,
    lifetimes: bucketsByKind(LIFETIME_BUCKETS, t.rows("token.lifetimes"), KINDS),
    ages: bucketsByKind(AGE_BUCKETS, t.rows("token.ages"), KINDS),
    neverExpiring: perKind((kind) => t.sum("tokens.neverExpiring", "credentials", { kind })),
    overPolicy: perKind((kind) => t.sum("tokens", "overPolicy", { kind })),
    constraint: (["READ", "WRITE", "ADMIN"] as const).map((level) => ({
      label: level.toLowerCase(),
      bearer: constraint.find((r) => r.level === level && r.bearer === "1")?.grants ?? 0,
      constrained: constraint.find((r) => r.level === level && r.bearer === "0")?.grants ?? 0,
    })),
  };
}

export async function scopeDashboard(ctx: Ctx, filter: DashboardFilter) {
  requirePermission(ctx, "dashboard.read");
  const [policy, t, top, asOf] = await Promise.all([
    loadPolicy(db),
    readTotals(filter, ["scope.breadth", "scope.levels", "scope.unused", "scope.heat"]),
    readTop(filter, "scope.broadest", "m.v1 * 1.0 / m.v2 DESC, m.v1 DESC, m.k1"),
    cellsAsOf(),
  ]);
  const names = await db.grant.findMany({
    where: { id: { in: top.map((r) => r.grantId) } },
    select: { id: true, consumer: { select: { name: true } }, api: { select: { name: true } } },
  });
  const total = t.sum("scope.levels", "scopes");
  const share = (level: string) => (total ? Math.round((1000 * t.sum("scope.levels", "scopes", { level })) / total) / 10 : 0);
  return {
    asOf,
    breadth: BREADTH_BUCKETS.map((label, i) => ({ label, grants: t.sum("scope.breadth", "grants", { bucket: String(i) }) })),
    grantedScopes: total,
    adminShare: share("ADMIN"),
    writeShare: share("WRITE"),
    unusedScopes: t.sum("scope.unused", "scopes"),
    unusedAfterDays: policy.unusedAfterDays,
    broadest: top.map((r) => {
      const grant = names.find((g) => g.id === r.grantId);
      return { id: r.grantId, consumer: grant?.consumer.name ?? "", api: grant?.api.name ?? "", held: r.held, declared: r.declared };
    }),
    heat: t.rows("scope.heat"),
  };
}

export async function agentDashboard(ctx: Ctx, filter: DashboardFilter) {
  requirePermission(ctx, "dashboard.read");
  const [t, top, asOf] = await Promise.all([
    readTotals(filter, ["agents", "agents.ownerless", "token.lifetimes"]),
    readTop(filter, "agents.top", "m.v2 DESC, m.k2, m.k1"),
    cellsAsOf(),
  ]);
  const details = await db.consumer.findMany({
    where: { id: { in: top.map((r) => r.agentId) } },
    select: { id: true, autonomy: true, comparableRole: { select: { name: true } } },
  });
  const above = t.sum("agents", "aboveBaseline");
  const total = above + t.sum("agents", "withinBaseline");
  const autonomy = ["HUMAN_IN_THE_LOOP", "SUPERVISED", "AUTONOMOUS"].map((level) => ({
    label: level,
    above: t.sum("agents", "aboveBaseline", { autonomy: level }),
    within: t.sum("agents", "withinBaseline", { autonomy: level }),
  }));
  return {
    asOf,
    total,
    above,
    share: total ? Math.round((1000 * above) / total) / 10 : 0,
    top: top.map((r) => {
      const agent = details.find((d) => d.id === r.agentId);
      return { id: r.agentId, name: r.name, autonomy: agent?.autonomy ?? null, role: agent?.comparableRole?.name ?? null, within: r.within, beyond: r.beyond };
    }),
    autonomy,
    ownerless: t.sum("agents.ownerless", "agents"),
    lifetimes: bucketsByKind(
      LIFETIME_BUCKETS,
      t.rows("token.lifetimes").filter((r) => r.kind === "AGENT" || r.kind === "HUMAN"),
      ["AGENT", "HUMAN"],
    ),
  };
}
