// The detailed dashboards read each stored measure by its names (measures.ts): every figure
// here is checked against the same count made directly over the base tables.
import { beforeAll, expect, it } from "vitest";
import { agentDashboard, scopeDashboard, tokenDashboard } from "@/lib/dashboard/breakdowns";
import { refreshDashboards } from "@/lib/dashboard/cells";
import { findingsByRule } from "@/lib/dashboard/findings-by-rule";
import { overviewMetrics, snapshotMetrics, trends, valuesThirtyDaysAgo } from "@/lib/dashboard/metrics";
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor } from "./helpers";

let exec: Ctx;
const live = { status: { not: "DECOMMISSIONED" as const } };

beforeAll(async () => {
  exec = await ctxFor(DEMO.exec);
  await refreshDashboards();
});

it("token lifetimes: credentials that never expire, per consumer kind", async () => {
  const dashboard = await tokenDashboard(exec, {});
  for (const kind of CONSUMER_KINDS) {
    const direct = await db.consumerCredential.count({ where: { credential: { revokedAt: null, expiresAt: null }, consumer: { kind, ...live } } });
    expect(dashboard.neverExpiring[kind], kind).toBe(direct);
  }
  // Each bucket's row holds its label and a count per kind.
  const counts = dashboard.lifetimes.flatMap((row) => Object.values(row).filter((value) => typeof value === "number"));
  const lifetimes = counts.reduce((n, count) => n + count, 0);
  expect(lifetimes).toBe(await db.consumerCredential.count({ where: { credential: { revokedAt: null }, consumer: live } }));
});

it("scope breadth: granted scopes, and grants by exposure and classification", async () => {
  const dashboard = await scopeDashboard(exec, {});
  const activeLive = { status: "ACTIVE" as const, consumer: live };
  expect(dashboard.grantedScopes).toBe(await db.grantScope.count({ where: { grant: activeLive } }));
  const heatGrants = dashboard.heat.reduce((n, cell) => n + cell.grants, 0);
  expect(heatGrants).toBe(await db.grant.count({ where: activeLive }));
  const restricted = dashboard.heat.filter((cell) => cell.classification === "RESTRICTED").reduce((n, cell) => n + cell.grants, 0);
  expect(restricted).toBe(await db.grant.count({ where: { ...activeLive, api: { classification: "RESTRICTED" } } }));
  expect(dashboard.broadest.every((grant) => grant.held <= grant.declared && grant.consumer !== "")).toBe(true);
  // Levels and unused scopes are summed from each grant's figures: each checked against the scopes themselves.
  const atLevel = (level: "ADMIN" | "WRITE") => db.grantScope.count({ where: { grant: activeLive, scope: { level } } });
  const shareOf = async (level: "ADMIN" | "WRITE") => Math.round((1000 * (await atLevel(level))) / dashboard.grantedScopes) / 10;
  expect(dashboard.adminShare).toBe(await shareOf("ADMIN"));
  expect(dashboard.writeShare).toBe(await shareOf("WRITE"));
  if (!dashboard.asOf) return expect.unreachable("the cells were refreshed before these tests");
  const cutoff = new Date(dashboard.asOf.getTime() - dashboard.unusedAfterDays * 86_400_000);
  const unused = await db.grantScope.count({
    where: { grant: { ...activeLive, createdAt: { lt: cutoff } }, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] },
  });
  expect(unused).toBeGreaterThan(0);
  expect(dashboard.unusedScopes).toBe(unused);
});

it("agents vs human roles: every live agent is above or within its baseline", async () => {
  const dashboard = await agentDashboard(exec, {});
  expect(dashboard.total).toBe(await db.consumer.count({ where: { kind: "AGENT", ...live } }));
  expect(dashboard.autonomy.reduce((n, level) => n + level.above + level.within, 0)).toBeLessThanOrEqual(dashboard.total);
  expect(dashboard.top.every((agent) => agent.name !== "" && agent.beyond >= 0)).toBe(true);
  expect(dashboard.ownerless).toBe(await db.consumer.count({ where: { kind: "AGENT", ...live, OR: [{ ownerId: null }, { owner: { active: false } }] } }));
});

it("findings by rule: open counts per rule and team match the findings themselves", async () => {
  const team = await db.team.findFirstOrThrow({ where: { consumers: { some: { findings: { some: { status: "OPEN" } } } } } });
  for (const filter of [{}, { teamId: team.id }]) {
    const groups = await findingsByRule(filter);
    expect(groups.length).toBeGreaterThan(0);
    const teamWhere = "teamId" in filter ? { consumer: { teamId: team.id } } : {};
    for (const g of groups) {
      const direct = await db.finding.count({ where: { status: "OPEN", rule: g.rule, ...teamWhere, OR: [{ consumerId: null }, { consumer: live }] } });
      expect(g.open, `${g.rule} ${JSON.stringify(filter)}`).toBe(direct);
    }
    // Most severe first.
    const rank = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
    expect(groups.map((g) => rank[g.severity])).toEqual(groups.map((g) => rank[g.severity]).toSorted((a, b) => a - b));
  }
});

it("daily snapshots keep every filter's figures, so the 30-day change and the trend hold under a filter", async () => {
  const team = await db.team.findFirstOrThrow();
  const filter = { teamId: team.id, environment: "PRODUCTION" as const };
  const now = new Date();
  const before = new Date(now.getTime() - 30 * 86_400_000);
  await snapshotMetrics(before);
  await snapshotMetrics(now);
  const past = await valuesThirtyDaysAgo(filter, now);
  expect(past?.["grants.active"]).toBe((await overviewMetrics(filter))["grants.active"]);
  const series = await trends(filter, ["grants.active", "agents.aboveBaselineShare"], 40, now);
  expect(series["grants.active"].length).toBeGreaterThanOrEqual(2);
  expect(series["grants.active"].at(-1)?.value).toBe((await overviewMetrics(filter))["grants.active"]);
  // Another team's figures are kept apart from this one's.
  const scopes = await db.metricSnapshot.groupBy({ by: ["scope"], where: { day: series["grants.active"].at(-1)!.day } });
  expect(scopes.length).toBeGreaterThan(3);
});
