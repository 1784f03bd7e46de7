// Findings over the demo organisation: the engine's counts equal straightforward queries on
// the same data, a recompute is idempotent, and removing a cause closes its finding.
import { beforeAll, describe, expect, it } from "vitest";
import { revokeCredential } from "@/lib/catalogue/commands/revoke-credential";
import { rotateCredential } from "@/lib/catalogue/commands/rotate-credential";
import { runCommand } from "@/lib/server/command";
import { agentDashboard, scopeDashboard, tokenDashboard } from "@/lib/dashboard/breakdowns";
import { refreshDashboards } from "@/lib/dashboard/cells";
import { overviewMetrics } from "@/lib/dashboard/metrics";
import { recomputeFindings } from "@/lib/findings/engine";
import { findingListParams, listFindings, openFindingsFor } from "@/lib/findings/queries";
import { findingsSeen } from "@/lib/findings/seen";
import { DEFAULT_POLICY } from "@/lib/policy/policy";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor } from "./helpers";

let admin: Ctx;
const now = new Date();
beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
  await recomputeFindings(now);
});

const open = (rule: Parameters<typeof db.finding.count>[0] extends infer A ? (A extends { where?: infer W } ? W : never) : never) =>
  db.finding.count({ where: { status: "OPEN", ...rule } });

describe("findings over the demo organisation", () => {
  it("match the same rules written as plain queries", async () => {
    expect(await open({ rule: "LEAKED_CREDENTIAL" })).toBe(await db.credential.count({ where: { leakedAt: { not: null }, revokedAt: null } }));

    const links = await db.consumerCredential.groupBy({
      by: ["credentialId"],
      where: { credential: { revokedAt: null }, consumer: { status: { not: "DECOMMISSIONED" } } },
      _count: { _all: true },
    });
    expect(await open({ rule: "SHARED_CREDENTIAL" })).toBe(links.filter((l) => l._count._all > 1).length);

    const cutoff = new Date(now.getTime() - DEFAULT_POLICY.unusedAfterDays * 86_400_000);
    expect(await open({ rule: "UNUSED_GRANT" })).toBe(
      await db.grant.count({ where: { status: "ACTIVE", createdAt: { lt: cutoff }, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] } }),
    );

    const ownerless = await db.consumer.count({ where: { status: { not: "DECOMMISSIONED" }, OR: [{ ownerId: null }, { owner: { active: false } }] } });
    const onRetired = await db.grant.count({ where: { status: "ACTIVE", api: { lifecycle: "RETIRED" } } });
    expect(await open({ rule: "OWNERLESS_CONSUMER" })).toBe(ownerless + onRetired);

    // Token lifetimes: every (credential, consumer) pair over its kind's limit, counted in JavaScript.
    const pairs = await db.consumerCredential.findMany({
      where: { credential: { revokedAt: null }, consumer: { status: { not: "DECOMMISSIONED" } } },
      select: { consumer: { select: { kind: true } }, credential: { select: { accessTokenTtlSeconds: true } } },
    });
    const over = pairs.filter(
      (p) => p.credential.accessTokenTtlSeconds !== null && p.credential.accessTokenTtlSeconds > DEFAULT_POLICY.maxTokenLifetime[p.consumer.kind],
    ).length;
    expect(await open({ rule: "LONG_TOKEN_LIFETIME" })).toBe(over);
    expect(over).toBeGreaterThan(0);
  });

  it("recomputing again changes nothing: same findings, same identities, none closed", async () => {
    const before = await db.finding.findMany({ where: { status: "OPEN" }, select: { id: true, firstSeenAt: true }, orderBy: { id: "asc" } });
    const summary = await recomputeFindings(new Date(now.getTime() + 60_000));
    expect(summary.reduce((n, r) => n + r.closed, 0)).toBe(0);
    const after = await db.finding.findMany({ where: { status: "OPEN" }, select: { id: true, firstSeenAt: true }, orderBy: { id: "asc" } });
    expect(after).toEqual(before);
  });

  it("closes a finding when its cause is gone, and shows it on the consumer's page until then", async () => {
    const leaked = await db.finding.findFirstOrThrow({ where: { rule: "LEAKED_CREDENTIAL", status: "OPEN" } });
    const onPage = await openFindingsFor(admin, { consumerId: leaked.consumerId!, credentialIds: [leaked.credentialId!] });
    expect(onPage.map((f) => f.id)).toContain(leaked.id);
    await runCommand(revokeCredential, admin, { id: leaked.credentialId });
    // Later than the runs above (one of which looked a minute ahead).
    await recomputeFindings(new Date(now.getTime() + 120_000));
    const closed = await db.finding.findUniqueOrThrow({ where: { id: leaked.id } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.closedAt).not.toBeNull();

    const stale = await db.finding.findFirstOrThrow({
      where: { rule: "LONG_LIVED_CREDENTIAL", status: "OPEN", explanation: { startsWith: "Not rotated" }, credential: { expiresAt: { not: null } } },
    });
    await runCommand(rotateCredential, admin, { id: stale.credentialId });
    await recomputeFindings(new Date(now.getTime() + 180_000));
    expect((await db.finding.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("CLOSED");
  });

  it("filter by the consumer's team, and follow a consumer that moves to another team", async () => {
    const team = await db.team.findFirstOrThrow({ where: { name: "Payments" } });
    const byTeam = (teamId: string) => listFindings(admin, findingListParams.parse({ teamId }));
    expect((await byTeam(team.id)).total).toBe(await db.finding.count({ where: { status: "OPEN", consumer: { teamId: team.id } } }));
    const finding = await db.finding.findFirstOrThrow({ where: { status: "OPEN", consumer: { teamId: team.id } }, select: { id: true, consumerId: true } });
    const other = await db.team.findFirstOrThrow({ where: { name: "AI Platform" } });
    await db.consumer.update({ where: { id: finding.consumerId! }, data: { teamId: other.id } });
    await recomputeFindings(new Date(now.getTime() + 200_000));
    expect((await byTeam(other.id)).total).toBe(await db.finding.count({ where: { status: "OPEN", consumer: { teamId: other.id } } }));
    expect((await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).teamId).toBe(other.id);
  });

  it("marks unchanged findings seen, rewrites a changed explanation, and reopens a finding whose cause is back", async () => {
    const long = await db.finding.findFirstOrThrow({ where: { rule: "LONG_TOKEN_LIFETIME", status: "OPEN" } });
    const credential = await db.credential.findUniqueOrThrow({ where: { id: long.credentialId! } });
    const seen = new Date(now.getTime() + 240_000);
    await db.credential.update({ where: { id: credential.id }, data: { accessTokenTtlSeconds: credential.accessTokenTtlSeconds! * 2 } });
    await recomputeFindings(seen);
    const changed = await db.finding.findUniqueOrThrow({ where: { id: long.id } });
    expect(changed.explanation).not.toBe(long.explanation);
    expect(changed.firstSeenAt).toEqual(long.firstSeenAt);
    // An unchanged finding is not rewritten; it reads as seen by its rule's latest run.
    const unchanged = await db.finding.findFirstOrThrow({ where: { rule: "BROAD_GRANT", status: "OPEN" } });
    expect(unchanged.lastSeenAt.getTime()).toBeLessThan(seen.getTime());
    const [shown] = await findingsSeen([unchanged]);
    expect(shown!.lastSeenAt).toEqual(seen);
    const listed = await listFindings(admin, findingListParams.parse({ rule: "BROAD_GRANT", pageSize: "100" }));
    expect(listed.rows.every((r) => r.lastSeenAt.getTime() === seen.getTime())).toBe(true);

    await db.credential.update({ where: { id: credential.id }, data: { accessTokenTtlSeconds: 60 } });
    await recomputeFindings(new Date(now.getTime() + 300_000));
    const closed = await db.finding.findUniqueOrThrow({ where: { id: long.id } });
    expect(closed.status).toBe("CLOSED");
    // Closed: last seen by the run before the one that no longer found it.
    expect(closed.lastSeenAt).toEqual(seen);
    expect((await findingsSeen([closed]))[0]!.lastSeenAt).toEqual(seen);
    await db.credential.update({ where: { id: credential.id }, data: { accessTokenTtlSeconds: credential.accessTokenTtlSeconds } });
    await recomputeFindings(new Date(now.getTime() + 360_000));
    const back = await db.finding.findUniqueOrThrow({ where: { id: long.id } });
    expect(back.status).toBe("OPEN");
    expect(back.closedAt).toBeNull();
    expect(back.explanation).toBe(long.explanation);
  });
});

describe("overview figures", () => {
  // The cells as of now, after the changes earlier tests made.
  beforeAll(() => refreshDashboards(now));

  it("equal straightforward counts on the same database", async () => {
    const m = await overviewMetrics({});
    expect(m.apis).toBe(await db.api.count({ where: { lifecycle: { not: "RETIRED" } } }));
    expect(m["consumers.AGENT"]).toBe(await db.consumer.count({ where: { kind: "AGENT", status: { not: "DECOMMISSIONED" } } }));
    expect(m["grants.active"]).toBe(await db.grant.count({ where: { status: "ACTIVE", consumer: { status: { not: "DECOMMISSIONED" } } } }));
    expect(m["findings.NHI2:2025"]).toBe(await open({ nhi: "NHI2:2025" }));
    const agents = await db.consumer.findMany({
      where: { kind: "AGENT", status: { not: "DECOMMISSIONED" } },
      select: {
        comparableRole: { select: { scopes: { select: { scopeId: true } } } },
        grants: { where: { status: "ACTIVE" }, select: { scopes: { select: { scopeId: true } } } },
      },
    });
    const above = agents.filter((a) => {
      const base = new Set(a.comparableRole?.scopes.map((s) => s.scopeId) ?? []);
      return a.grants.some((g) => g.scopes.some((s) => !base.has(s.scopeId)));
    }).length;
    expect(m["agents.aboveBaseline"]).toBe(above);
    expect(m["agents.aboveBaselineShare"]).toBe(Math.round((1000 * above) / agents.length) / 10);
  });

  it("narrow to one team's consumers", async () => {
    const team = await db.team.findFirstOrThrow({ where: { name: "Payments" } });
    const m = await overviewMetrics({ teamId: team.id });
    expect(m["consumers.SERVICE"]).toBe(await db.consumer.count({ where: { kind: "SERVICE", teamId: team.id, status: { not: "DECOMMISSIONED" } } }));
    expect(m["grants.active"]).toBe(await db.grant.count({ where: { status: "ACTIVE", consumer: { teamId: team.id, status: { not: "DECOMMISSIONED" } } } }));
  });
});

describe("detailed dashboards", () => {
  // The cells as of now, after the changes earlier tests made.
  beforeAll(() => refreshDashboards(now));

  it("count every live credential, grant and agent once, as plain queries do", async () => {
    const tokens = await tokenDashboard(admin, {});
    const pairs = await db.consumerCredential.count({ where: { credential: { revokedAt: null }, consumer: { status: { not: "DECOMMISSIONED" } } } });
    const bucketed = tokens.lifetimes.reduce(
      (sum, row) => sum + ["HUMAN", "SERVICE", "PARTNER", "AGENT"].reduce((s, k) => s + Number(row[k as keyof typeof row]), 0),
      0,
    );
    expect(bucketed).toBe(pairs);
    const activeWithScopes = await db.grant.count({ where: { status: "ACTIVE", consumer: { status: { not: "DECOMMISSIONED" } }, scopes: { some: {} } } });
    expect(tokens.constraint.reduce((sum, r) => sum + r.bearer + r.constrained, 0)).toBe(activeWithScopes);

    const scopes = await scopeDashboard(admin, {});
    expect(scopes.breadth.reduce((sum, r) => sum + r.grants, 0)).toBe(activeWithScopes);
    expect(scopes.grantedScopes).toBe(await db.grantScope.count({ where: { grant: { status: "ACTIVE", consumer: { status: { not: "DECOMMISSIONED" } } } } }));

    const agents = await agentDashboard(admin, {});
    const m = await overviewMetrics({});
    expect(agents.total).toBe(m["consumers.AGENT"]);
    expect(agents.above).toBe(m["agents.aboveBaseline"]);
  });

  it("count a credential shared by two consumers once, and rank the broadest grants as a plain query does", async () => {
    const m = await overviewMetrics({});
    const live = await db.credential.count({ where: { revokedAt: null, consumers: { some: { consumer: { status: { not: "DECOMMISSIONED" } } } } } });
    expect(m["credentials.live"]).toBe(live);

    const scopes = await scopeDashboard(admin, {});
    const plain = await db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT g.id FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "GrantScope" gs ON gs."grantId" = g.id
       WHERE g.status = 'ACTIVE' AND c.status <> 'DECOMMISSIONED' GROUP BY g.id, g."apiId"
       ORDER BY COUNT(*) * 1.0 / (SELECT COUNT(*) FROM "Scope" s WHERE s."apiId" = g."apiId") DESC, COUNT(*) DESC, g.id LIMIT 10`,
    );
    expect(scopes.broadest.map((r) => r.id)).toEqual(plain.map((r) => r.id));
    expect(scopes.broadest.every((r) => r.consumer && r.api)).toBe(true);
  });

  it("narrow every figure to one environment, APIs excepted", async () => {
    const all = await overviewMetrics({});
    const staging = await overviewMetrics({ environment: "STAGING" });
    expect(staging.apis).toBe(all.apis);
    expect(staging["consumers.AGENT"]).toBe(await db.consumer.count({ where: { kind: "AGENT", environment: "STAGING", status: { not: "DECOMMISSIONED" } } }));
    const agents = await agentDashboard(admin, { environment: "STAGING" });
    expect(agents.total).toBe(staging["consumers.AGENT"]);
    expect(agents.top.length).toBeLessThanOrEqual(15);
  });

  it("show a change once the cells are refreshed, with the time they were computed", async () => {
    const before = await overviewMetrics({});
    const grant = await db.grant.findFirstOrThrow({ where: { status: "ACTIVE", consumer: { status: { not: "DECOMMISSIONED" } } } });
    await db.grant.update({ where: { id: grant.id }, data: { status: "REVOKED", revokedAt: new Date() } });
    expect((await overviewMetrics({}))["grants.active"]).toBe(before["grants.active"]);
    const later = new Date(now.getTime() + 60_000);
    await refreshDashboards(later);
    expect((await overviewMetrics({}))["grants.active"]).toBe(before["grants.active"] - 1);
    expect((await tokenDashboard(admin, {})).asOf?.getTime()).toBe(later.getTime());
  });
});
