// Each risk rule on crafted data: what must fire does, with the numbers in its words, and
// what sits just inside a threshold does not. The crafted entities live beside the demo
// organisation; assertions look only at their own fingerprints.
import { beforeAll, describe, expect, it } from "vitest";
import { recomputeFindings } from "@/lib/findings/engine";
import type { FindingRule } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
let teamId: string, ownerId: string, deactivatedId: string;
let n = 0;

beforeAll(async () => {
  teamId = (await db.team.findFirstOrThrow()).id;
  ownerId = (await db.user.findFirstOrThrow({ where: { email: "owner@scopeward.test" } })).id;
  deactivatedId = (await db.user.create({ data: { email: "gone@scopeward.test", name: "Gone Person", active: false } })).id;
});

async function api(
  over: Partial<{
    classification: "RESTRICTED" | "INTERNAL";
    exposure: "INTERNAL" | "PUBLIC" | "PARTNER";
    environment: "PRODUCTION" | "STAGING";
    lifecycle: "RETIRED" | "PRODUCTION";
    declaresImplicitFlow: boolean;
    declaresPasswordFlow: boolean;
  }> = {},
  scopes: [string, "READ" | "WRITE" | "ADMIN"][] = [
    ["r1", "READ"],
    ["r2", "READ"],
    ["w1", "WRITE"],
    ["a1", "ADMIN"],
  ],
) {
  const name = `rule-api-${++n}`;
  return db.api.create({
    data: {
      name,
      teamId,
      ownerId,
      environment: "PRODUCTION",
      exposure: "PUBLIC",
      classification: "INTERNAL",
      ...over,
      scopes: { create: scopes.map(([s, level]) => ({ name: `${name}:${s}`, level })) },
    },
    include: { scopes: { orderBy: { name: "asc" } } },
  });
}

async function consumer(kind: "HUMAN" | "SERVICE" | "PARTNER" | "AGENT", over: Record<string, unknown> = {}) {
  return db.consumer.create({ data: { kind, name: `rule-consumer-${++n}`, teamId, ownerId, environment: "PRODUCTION", ...over } });
}

async function credential(consumerIds: string[], over: Record<string, unknown> = {}) {
  return db.credential.create({
    data: {
      label: `rule-cred-${++n}`,
      type: "CLIENT_SECRET",
      expiresAt: new Date(now.getTime() + 30 * DAY),
      lastRotatedAt: ago(1),
      senderConstraint: "DPOP",
      ...over,
      consumers: { create: consumerIds.map((consumerId) => ({ consumerId })) },
    },
  });
}

async function grant(consumerId: string, apiId: string, scopeIds: string[], over: Record<string, unknown> = {}) {
  return db.grant.create({
    data: {
      consumerId,
      apiId,
      lastUsedAt: ago(1),
      lastReviewedAt: ago(1),
      ...over,
      scopes: { create: scopeIds.map((scopeId) => ({ scopeId, lastUsedAt: ago(1) })) },
    },
  });
}

async function findingsOf(rule: FindingRule, fingerprints: string[]) {
  await recomputeFindings(now, [rule]);
  const rows = await db.finding.findMany({ where: { fingerprint: { in: fingerprints }, status: "OPEN" } });
  return new Map(rows.map((r) => [r.fingerprint, r]));
}

describe("risk rules on crafted data", () => {
  it("ownerless consumer: no owner, a deactivated owner, a live grant on a retired API; not a decommissioned one", async () => {
    const none = await consumer("SERVICE", { ownerId: null });
    const gone = await consumer("SERVICE", { ownerId: deactivatedId });
    const fine = await consumer("SERVICE");
    const decommissioned = await consumer("SERVICE", { ownerId: null, status: "DECOMMISSIONED" });
    const retired = await api({ lifecycle: "RETIRED" });
    const onRetired = await grant(fine.id, retired.id, [retired.scopes[0]!.id]);
    const fp = (id: string) => `OWNERLESS_CONSUMER:${id}`;
    const found = await findingsOf("OWNERLESS_CONSUMER", [none, gone, fine, decommissioned].map((c) => fp(c.id)).concat(fp(onRetired.id)));
    expect(found.get(fp(none.id))?.explanation).toBe("No accountable owner");
    expect(found.get(fp(gone.id))?.explanation).toBe("Owner Gone Person is deactivated");
    expect(found.get(fp(onRetired.id))?.explanation).toBe(`Holds a live grant on ${retired.name}, which is retired`);
    expect(found.get(fp(onRetired.id))?.nhi).toBe("NHI1:2025");
    expect(found.has(fp(fine.id))).toBe(false);
    expect(found.has(fp(decommissioned.id))).toBe(false);
  });

  it("leaked credential: fires until revoked, critical", async () => {
    const c = await consumer("SERVICE");
    const leaked = await credential([c.id], { leakedAt: new Date("2026-11-01T10:00:00Z"), leakSource: "secret scanner" });
    const revoked = await credential([c.id], { leakedAt: ago(3), revokedAt: ago(1) });
    const found = await findingsOf("LEAKED_CREDENTIAL", [`LEAKED_CREDENTIAL:${leaked.id}`, `LEAKED_CREDENTIAL:${revoked.id}`]);
    expect(found.get(`LEAKED_CREDENTIAL:${leaked.id}`)).toMatchObject({
      severity: "CRITICAL",
      consumerId: c.id,
      explanation: "Reported leaked on 2026-11-01 by secret scanner and not revoked",
    });
    expect(found.size).toBe(1);
  });

  it("partner reach: review older than 180 days fires, 179 does not; a partner's non-expiring credential fires", async () => {
    const internal = await api({ exposure: "INTERNAL" });
    const partner = await consumer("PARTNER");
    const stale = await grant(partner.id, internal.id, [internal.scopes[0]!.id], { lastReviewedAt: ago(181) });
    const recent = await grant((await consumer("AGENT")).id, internal.id, [internal.scopes[0]!.id], { lastReviewedAt: ago(179) });
    const service = await grant((await consumer("SERVICE")).id, internal.id, [internal.scopes[0]!.id], { lastReviewedAt: null });
    const forever = await credential([partner.id], { expiresAt: null });
    const fps = [
      `PARTNER_INTERNAL_REACH:${stale.id}`,
      `PARTNER_INTERNAL_REACH:${recent.id}`,
      `PARTNER_INTERNAL_REACH:${service.id}`,
      `PARTNER_INTERNAL_REACH:${partner.id}:${forever.id}`,
    ];
    const found = await findingsOf("PARTNER_INTERNAL_REACH", fps);
    expect(found.get(fps[0]!)?.explanation).toBe(`Partner app on internal API ${internal.name}, last reviewed 181 days ago (review at least every 180 days)`);
    expect(found.has(fps[1]!)).toBe(false);
    expect(found.has(fps[2]!)).toBe(false);
    expect(found.get(fps[3]!)?.explanation).toBe(`Partner app credential ${forever.label} never expires`);
  });

  it("bearer on write: a bearer credential with a write scope fires; read-only or DPoP does not", async () => {
    const a = await api();
    const bearer = await consumer("SERVICE");
    await credential([bearer.id], { senderConstraint: "BEARER", label: "static bearer" });
    const writes = await grant(bearer.id, a.id, [a.scopes.find((s) => s.level === "WRITE")!.id]);
    const reader = await consumer("SERVICE");
    await credential([reader.id], { senderConstraint: "BEARER" });
    const reads = await grant(reader.id, a.id, [a.scopes[2]!.id]);
    const dpop = await consumer("SERVICE");
    await credential([dpop.id]);
    const constrained = await grant(dpop.id, a.id, [a.scopes.find((s) => s.level === "WRITE")!.id]);
    const found = await findingsOf(
      "BEARER_WRITE",
      [writes, reads, constrained].map((g) => `BEARER_WRITE:${g.id}`),
    );
    expect(found.get(`BEARER_WRITE:${writes.id}`)?.explanation).toBe(
      `Holds 1 write/admin scope (${a.name}:w1) and authenticates with bearer credential static bearer (no DPoP or mTLS)`,
    );
    expect(found.size).toBe(1);
  });

  it("insecure OAuth flows declared by an API", async () => {
    const both = await api({ declaresImplicitFlow: true, declaresPasswordFlow: true });
    const clean = await api();
    const found = await findingsOf("INSECURE_OAUTH_FLOW", [`INSECURE_OAUTH_FLOW:${both.id}`, `INSECURE_OAUTH_FLOW:${clean.id}`]);
    expect(found.get(`INSECURE_OAUTH_FLOW:${both.id}`)?.explanation).toBe("Declares the implicit and password flows, insecure by design");
    expect(found.size).toBe(1);
  });

  it("broad grant: an admin scope, more than half, write on restricted; exactly half read-only does not fire", async () => {
    const a = await api(); // r1, r2, w1, a1 (sorted: a1, r1, r2, w1)
    const byName = (s: string) => a.scopes.find((x) => x.name.endsWith(`:${s}`))!.id;
    const admin = await grant((await consumer("SERVICE")).id, a.id, [byName("a1")]);
    const most = await grant((await consumer("SERVICE")).id, a.id, [byName("r1"), byName("r2"), byName("w1")]);
    const half = await grant((await consumer("SERVICE")).id, a.id, [byName("r1"), byName("r2")]);
    const restricted = await api({ classification: "RESTRICTED" }, [
      ["r1", "READ"],
      ["r2", "READ"],
      ["r3", "READ"],
      ["w1", "WRITE"],
    ]);
    const restrictedWrite = await grant((await consumer("SERVICE")).id, restricted.id, [restricted.scopes.find((s) => s.level === "WRITE")!.id]);
    const found = await findingsOf(
      "BROAD_GRANT",
      [admin, most, half, restrictedWrite].map((g) => `BROAD_GRANT:${g.id}`),
    );
    expect(found.get(`BROAD_GRANT:${admin.id}`)).toMatchObject({ severity: "HIGH", explanation: `Holds 1 of 4 scopes of ${a.name} (25%); 1 admin scope` });
    expect(found.get(`BROAD_GRANT:${most.id}`)).toMatchObject({ severity: "MEDIUM", explanation: `Holds 3 of 4 scopes of ${a.name} (75%)` });
    expect(found.has(`BROAD_GRANT:${half.id}`)).toBe(false);
    expect(found.get(`BROAD_GRANT:${restrictedWrite.id}`)?.explanation).toBe(
      `Holds 1 of 4 scopes of ${restricted.name} (25%); write access to RESTRICTED data`,
    );
  });

  it("agent above baseline: scopes outside the comparable role fire; inside do not", async () => {
    const a = await api();
    const role = await db.jobRole.create({ data: { name: `rule-role-${++n}`, scopes: { create: [{ scopeId: a.scopes[1]!.id }] } } });
    const agent = await consumer("AGENT", { comparableRoleId: role.id });
    const beyond = await grant(agent.id, a.id, [a.scopes[1]!.id, a.scopes[3]!.id]);
    const within = await grant((await consumer("AGENT", { comparableRoleId: role.id })).id, a.id, [a.scopes[1]!.id]);
    const human = await grant((await consumer("HUMAN")).id, a.id, [a.scopes[3]!.id]);
    const found = await findingsOf(
      "AGENT_ABOVE_BASELINE",
      [beyond, within, human].map((g) => `AGENT_ABOVE_BASELINE:${g.id}`),
    );
    expect(found.get(`AGENT_ABOVE_BASELINE:${beyond.id}`)?.explanation).toBe(`1 scope beyond the baseline of ${role.name}: ${a.scopes[3]!.name}`);
    expect(found.size).toBe(1);
  });

  it("unused grant and unused scopes: past the 90-day threshold fire, inside it do not", async () => {
    const a = await api();
    const c = await consumer("SERVICE");
    const idle = await grant(c.id, a.id, [a.scopes[0]!.id], { createdAt: ago(200), lastUsedAt: ago(91) });
    const recent = await grant((await consumer("SERVICE")).id, a.id, [a.scopes[0]!.id], { createdAt: ago(200), lastUsedAt: ago(89) });
    const young = await grant((await consumer("SERVICE")).id, a.id, [a.scopes[0]!.id], { createdAt: ago(10), lastUsedAt: null });
    const partial = await db.grant.create({
      data: {
        consumerId: (await consumer("SERVICE")).id,
        apiId: a.id,
        createdAt: ago(200),
        lastUsedAt: ago(2),
        scopes: {
          create: [
            { scopeId: a.scopes[0]!.id, lastUsedAt: ago(2) },
            { scopeId: a.scopes[1]!.id, lastUsedAt: ago(120) },
            { scopeId: a.scopes[2]!.id, lastUsedAt: null },
          ],
        },
      },
    });
    const unused = await findingsOf(
      "UNUSED_GRANT",
      [idle, recent, young].map((g) => `UNUSED_GRANT:${g.id}`),
    );
    expect(unused.get(`UNUSED_GRANT:${idle.id}`)?.explanation).toMatch(/^Not used for 91 days \(last used \d{4}-\d{2}-\d{2}\); threshold 90 days$/);
    expect(unused.size).toBe(1);
    const scopes = await findingsOf("UNUSED_SCOPES", [`UNUSED_SCOPES:${partial.id}`, `UNUSED_SCOPES:${recent.id}`]);
    expect(scopes.get(`UNUSED_SCOPES:${partial.id}`)?.explanation).toMatch(/^2 of 3 scopes unused in 90 days: /);
    expect(scopes.size).toBe(1);
  });

  it("static pipeline secret: a CI/CD service on a client secret fires, on workload identity does not", async () => {
    const pipeline = await consumer("SERVICE", { isCiPipeline: true });
    const secret = await credential([pipeline.id], { type: "CLIENT_SECRET" });
    const federated = await credential([pipeline.id], { type: "WORKLOAD_IDENTITY" });
    const fps = [`STATIC_PIPELINE_SECRET:${pipeline.id}:${secret.id}`, `STATIC_PIPELINE_SECRET:${pipeline.id}:${federated.id}`];
    const found = await findingsOf("STATIC_PIPELINE_SECRET", fps);
    expect(found.get(fps[0]!)?.explanation).toBe(
      `CI/CD pipeline authenticates with a static client secret (${secret.label}) instead of workload identity federation`,
    );
    expect(found.size).toBe(1);
  });

  it("long-lived credential: no expiry, or rotation older than 90 days; 89 days is fine", async () => {
    const c = await consumer("SERVICE");
    const never = await credential([c.id], { expiresAt: null });
    const stale = await credential([c.id], { lastRotatedAt: ago(91) });
    const fresh = await credential([c.id], { lastRotatedAt: ago(89) });
    const found = await findingsOf(
      "LONG_LIVED_CREDENTIAL",
      [never, stale, fresh].map((k) => `LONG_LIVED_CREDENTIAL:${k.id}`),
    );
    expect(found.get(`LONG_LIVED_CREDENTIAL:${never.id}`)?.explanation).toBe("Never expires.");
    expect(found.get(`LONG_LIVED_CREDENTIAL:${stale.id}`)?.explanation).toBe("Not rotated for 91 days; policy 90 days.");
    expect(found.size).toBe(2);
  });

  it("long token lifetime: over the policy for the consumer's kind, in the console's units; at the limit is fine", async () => {
    const agent = await consumer("AGENT");
    const human = await consumer("HUMAN");
    const day = await credential([agent.id], { accessTokenTtlSeconds: 86_400 });
    const limit = await credential([agent.id], { accessTokenTtlSeconds: 900 });
    const humanHour = await credential([human.id], { accessTokenTtlSeconds: 5400 });
    const fps = [`LONG_TOKEN_LIFETIME:${day.id}:${agent.id}`, `LONG_TOKEN_LIFETIME:${limit.id}:${agent.id}`, `LONG_TOKEN_LIFETIME:${humanHour.id}:${human.id}`];
    const found = await findingsOf("LONG_TOKEN_LIFETIME", fps);
    expect(found.get(fps[0]!)).toMatchObject({ severity: "HIGH", explanation: "Access-token lifetime 24 h, policy for AGENT is 15 min" });
    expect(found.size).toBe(1);
  });

  it("environment crossing: a credential across environments, a staging consumer on a production API", async () => {
    const prod = await api();
    const staging = await api({ environment: "STAGING" });
    const c = await consumer("SERVICE");
    const k = await credential([c.id]);
    await grant(c.id, prod.id, [prod.scopes[0]!.id]);
    await grant(c.id, staging.id, [staging.scopes[0]!.id]);
    const stagingConsumer = await consumer("SERVICE", { environment: "STAGING" });
    const cross = await grant(stagingConsumer.id, prod.id, [prod.scopes[0]!.id]);
    const found = await findingsOf("ENVIRONMENT_CROSSING", [`ENVIRONMENT_CROSSING:${k.id}`, `ENVIRONMENT_CROSSING:${cross.id}`]);
    expect(found.get(`ENVIRONMENT_CROSSING:${k.id}`)?.explanation).toBe(`Credential ${k.label} holds live grants in 2 environments: PRODUCTION, STAGING`);
    expect(found.get(`ENVIRONMENT_CROSSING:${cross.id}`)?.explanation).toBe(`A staging consumer holds a live grant on production API ${prod.name}`);
  });

  it("shared credential: two consumers on one credential fire, one does not", async () => {
    const [a, b] = [await consumer("SERVICE"), await consumer("SERVICE")];
    const shared = await credential([a.id, b.id]);
    const single = await credential([a.id]);
    const found = await findingsOf("SHARED_CREDENTIAL", [`SHARED_CREDENTIAL:${shared.id}`, `SHARED_CREDENTIAL:${single.id}`]);
    expect(found.get(`SHARED_CREDENTIAL:${shared.id}`)?.explanation).toBe(`Credential ${shared.label} serves 2 consumers: ${[a.name, b.name].join(", ")}`);
    expect(found.size).toBe(1);
  });

  it("an explanation listing more names than fit is cut at 500 characters with an ellipsis", async () => {
    const many = [];
    for (let i = 0; i < 40; i++) many.push(await consumer("SERVICE", { name: `rule-consumer-with-a-rather-long-name-${++n}` }));
    const shared = await credential(many.map((c) => c.id));
    const found = await findingsOf("SHARED_CREDENTIAL", [`SHARED_CREDENTIAL:${shared.id}`]);
    const explanation = found.get(`SHARED_CREDENTIAL:${shared.id}`)!.explanation;
    expect(explanation).toHaveLength(500);
    expect(explanation).toMatch(new RegExp(`^Credential ${shared.label} serves 40 consumers: rule-consumer-with-a-rather-long-name-`));
    expect(explanation.endsWith("…")).toBe(true);
  });

  it("human use of a machine identity: browser calls by a service within 90 days; not by a person, not older", async () => {
    const a = await api();
    const service = await consumer("SERVICE");
    const person = await consumer("HUMAN");
    const old = await consumer("AGENT");
    await db.usageEvent.createMany({
      data: [
        { id: `rule-evt-${++n}`, occurredAt: ago(2), consumerId: service.id, apiId: a.id, kind: "API_CALL", clientType: "browser" },
        { id: `rule-evt-${++n}`, occurredAt: ago(2), consumerId: person.id, apiId: a.id, kind: "API_CALL", clientType: "browser" },
        { id: `rule-evt-${++n}`, occurredAt: ago(91), consumerId: old.id, apiId: a.id, kind: "API_CALL", clientType: "browser" },
      ],
    });
    const found = await findingsOf(
      "HUMAN_USE_OF_MACHINE",
      [service, person, old].map((c) => `HUMAN_USE_OF_MACHINE:${c.id}`),
    );
    expect(found.get(`HUMAN_USE_OF_MACHINE:${service.id}`)?.explanation).toBe(
      `1 call from a browser in the last 90 days, last on ${ago(2).toISOString().slice(0, 10)}`,
    );
    expect(found.size).toBe(1);
  });
});
