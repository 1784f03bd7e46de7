// The detailed dashboards read each stored measure by its names (measures.ts): every figure
// here is checked against the same count made directly over the base tables.
import { beforeAll, expect, it } from "vitest";
import { agentDashboard, scopeDashboard, tokenDashboard } from "@/lib/dashboard/breakdowns";
import { refreshDashboards } from "@/lib/dashboard/cells";
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
});

it("agents vs human roles: every live agent is above or within its baseline", async () => {
  const dashboard = await agentDashboard(exec, {});
  expect(dashboard.total).toBe(await db.consumer.count({ where: { kind: "AGENT", ...live } }));
  expect(dashboard.autonomy.reduce((n, level) => n + level.above + level.within, 0)).toBeLessThanOrEqual(dashboard.total);
  expect(dashboard.top.every((agent) => agent.name !== "" && agent.beyond >= 0)).toBe(true);
  expect(dashboard.ownerless).toBe(await db.consumer.count({ where: { kind: "AGENT", ...live, OR: [{ ownerId: null }, { owner: { active: false } }] } }));
});
