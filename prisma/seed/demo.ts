// The demo organisation: five documented demo users, a few dozen APIs, a few hundred
// consumers of all four kinds, a few thousand grants, credentials with realistic
// lifetimes, human job roles with agents mapped to them, and usage events.
// Idempotent: it does nothing when the demo organisation is already there, and it
// refuses a database that holds another organisation's data.
import { recordAudit } from "@/lib/audit/service";
import bcrypt from "bcryptjs";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ConsumerKind, CredentialType, Environment } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/server/db";
import { AGENT_PROVIDERS, API_SEEDS, FIRST_NAMES, JOB_ROLES, LAST_NAMES, PARTNERS, TEAMS, levelOf } from "./catalogue-data";
import { snapshotMetrics } from "@/lib/dashboard/metrics";
import { recomputeFindings } from "@/lib/findings/engine";
import { seedCampaigns } from "./campaigns";
import { createRandom, type Random } from "./random";
import { cycleAt } from "../../lib/lists/cycle";

export const DEMO_DOMAIN = "scopeward.test";
export const DEMO_USERS = {
  admin: { email: `admin@${DEMO_DOMAIN}`, name: "Alex Admin", roles: ["ADMIN"] },
  owner: { email: `owner@${DEMO_DOMAIN}`, name: "Olivia Owner", roles: ["OWNER"] },
  manager: { email: `manager@${DEMO_DOMAIN}`, name: "Marcus Manager", roles: ["MANAGER", "OWNER"] },
  exec: { email: `exec@${DEMO_DOMAIN}`, name: "Erin Executive", roles: ["EXECUTIVE"] },
  auditor: { email: `auditor@${DEMO_DOMAIN}`, name: "Aud Itor", roles: ["AUDITOR"] },
} as const;

const DAY = 86_400_000;

export type SeedResult = { seeded: boolean; reason: string };

// `db` must be the client for DATABASE_URL: campaign launch picks its SQL dialect from that setting.
export async function seedDemo(db: Db, options: { password: string; now?: Date }): Promise<SeedResult> {
  const existingAdmin = await db.user.findUnique({ where: { email: DEMO_USERS.admin.email }, select: { id: true } });
  if (existingAdmin) return { seeded: false, reason: "the demo organisation is already seeded" };
  if ((await db.user.count()) > 0) {
    throw new Error("Refusing to seed: this database holds users that are not the demo organisation.");
  }
  const now = options.now ?? new Date();
  const rand = createRandom(20261122);
  const newId = idMaker(rand);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const ahead = (days: number) => new Date(now.getTime() + days * DAY);
  const passwordHash = await bcrypt.hash(options.password, 10);

  // Teams and people
  const teams = TEAMS.map((name) => ({ id: newId(), name, description: `${name} team` }));
  const teamId = (name: string) => teams.find((t) => t.name === name)!.id;
  const users: Prisma.UserCreateManyInput[] = [];
  const userRoles: Prisma.UserRoleGrantCreateManyInput[] = [];
  const demo = Object.fromEntries(Object.entries(DEMO_USERS).map(([key, u]) => [key, { ...u, id: newId() }])) as {
    [K in keyof typeof DEMO_USERS]: (typeof DEMO_USERS)[K] & { id: string };
  };
  for (const u of Object.values(demo)) {
    users.push({
      id: u.id,
      email: u.email,
      name: u.name,
      passwordHash,
      teamId: cycleAt(teams, 0).id,
      managerId: u === demo.owner ? demo.manager.id : null,
    });
    for (const role of u.roles) userRoles.push({ userId: u.id, role });
  }
  // A lead per team reporting to manager@, and four staff per team who own the team's consumers.
  // The Payments and Partner Integrations staff (owner@ among them) report to manager@ directly,
  // so manager@ signs off the access of consumers those teams own.
  const staff: string[] = [demo.owner.id];
  const teamStaff = new Map<string, string[]>(teams.map((t) => [t.id, t === teams[0] ? [demo.owner.id] : []]));
  for (const team of teams) {
    const leadId = newId();
    users.push({
      id: leadId,
      email: `lead.${slug(team.name)}@${DEMO_DOMAIN}`,
      name: personName(rand),
      passwordHash,
      teamId: team.id,
      managerId: demo.manager.id,
    });
    userRoles.push({ userId: leadId, role: "MANAGER" }, { userId: leadId, role: "OWNER" });
    const managerId = team.name === "Payments" || team.name === "Partner Integrations" ? demo.manager.id : leadId;
    for (let i = 0; i < 4; i++) {
      const id = newId();
      const active = !(team.name === "Partner Integrations" && i === 3) && !(team.name === "AI Platform" && i === 2);
      users.push({ id, email: `${slug(team.name)}.${i + 1}@${DEMO_DOMAIN}`, name: personName(rand), passwordHash, teamId: team.id, managerId, active });
      userRoles.push({ userId: id, role: "OWNER" });
      staff.push(id);
      teamStaff.get(team.id)!.push(id);
    }
  }

  // APIs and scopes; the owner@ demo user owns the first few.
  const apis: (Prisma.ApiCreateManyInput & { id: string; name: string; ownerId: string | null })[] = [];
  const scopes: (Prisma.ScopeCreateManyInput & { id: string })[] = [];
  API_SEEDS.forEach((seed, index) => {
    const apiId = newId();
    const environment: Environment = index % 8 === 7 ? "STAGING" : "PRODUCTION";
    const exposure = seed.team === "Partner Integrations" ? "PARTNER" : index % 9 === 4 ? "PUBLIC" : "INTERNAL";
    const classification = /Payroll|HR|Secrets|Payments|Ledger/.test(seed.name)
      ? "RESTRICTED"
      : /Customer|Invoices|Document|Warehouse/.test(seed.name)
        ? "CONFIDENTIAL"
        : exposure === "PUBLIC"
          ? "PUBLIC"
          : "INTERNAL";
    apis.push({
      id: apiId,
      name: seed.name,
      description: seed.description,
      teamId: teamId(seed.team),
      ownerId: index < 4 ? demo.owner.id : rand.pick(staff),
      environment,
      exposure,
      classification,
      lifecycle: index === 21 ? "DEPRECATED" : index === 23 ? "EXPERIMENTAL" : "PRODUCTION",
      baseUrl: demoBaseUrl(seed.name),
      gateway: rand.pick(["kong-prod", "apigee-edge", "envoy-mesh"]),
      createdAt: ago(rand.int(200, 900)),
    });
    for (const resource of seed.resources) {
      const levels = rand.chance(0.45) ? ["read", "write", "admin"] : ["read", "write"];
      for (const level of levels) {
        const name = `${resource}:${level}`;
        scopes.push({ id: newId(), apiId, name, level: levelOf(name), description: `${capitalise(level)} ${resource.replace("-", " ")}` });
      }
    }
  });
  const scopesOf = (apiId: string) => scopes.filter((s) => s.apiId === apiId);

  // Human job roles and their baselines
  const roles = JOB_ROLES.map((r) => ({ id: newId(), name: r.name, description: r.description, teamId: teamId(r.team) }));
  const roleScopes: Prisma.JobRoleScopeCreateManyInput[] = [];
  JOB_ROLES.forEach((r, i) => {
    for (const name of r.baseline) {
      const scope = scopes.find((s) => s.name === name);
      if (scope) roleScopes.push({ roleId: cycleAt(roles, i).id, scopeId: scope.id });
    }
  });

  // Consumers of all four kinds
  const plan: [ConsumerKind, number][] = [
    ["HUMAN", 80],
    ["SERVICE", 120],
    ["PARTNER", 40],
    ["AGENT", 80],
  ];
  const consumers: (Prisma.ConsumerCreateManyInput & { id: string; name: string; kind: ConsumerKind; isCiPipeline: boolean; ownerId: string | null })[] = [];
  for (const [kind, count] of plan) {
    for (let i = 0; i < count; i++) {
      const team = rand.pick(teams);
      const environment: Environment = rand.chance(0.8) ? "PRODUCTION" : rand.pick(["STAGING", "DEVELOPMENT"] as const);
      const [provider, model] = rand.pick(AGENT_PROVIDERS);
      const decommissioned = rand.chance(0.03);
      consumers.push({
        id: newId(),
        kind,
        name: consumerName(kind, i, rand),
        description: describe(kind),
        teamId: team.id,
        ownerId: rand.chance(0.04) ? null : rand.pick(teamStaff.get(team.id)!),
        status: decommissioned ? "DECOMMISSIONED" : rand.chance(0.03) ? "SUSPENDED" : "ACTIVE",
        decommissionedAt: decommissioned ? ago(rand.int(5, 60)) : null,
        environment,
        agentProvider: kind === "AGENT" ? provider : null,
        agentModel: kind === "AGENT" ? model : null,
        autonomy: kind === "AGENT" ? rand.pick(["HUMAN_IN_THE_LOOP", "SUPERVISED", "AUTONOMOUS"] as const) : null,
        comparableRoleId: kind === "AGENT" ? rand.pick(roles).id : null,
        partnerOrg: kind === "PARTNER" ? rand.pick(PARTNERS) : null,
        isCiPipeline: kind === "SERVICE" && i % 5 === 0,
        createdAt: ago(rand.int(10, 700)),
      });
    }
  }

  // Credentials: lifetimes by kind, a few shared, a few leaked, some never expiring
  const credentials: Prisma.CredentialCreateManyInput[] = [];
  const links: Prisma.ConsumerCredentialCreateManyInput[] = [];
  for (const consumer of consumers) {
    const type = credentialType(consumer.kind, consumer.isCiPipeline, rand);
    const created = ago(rand.int(20, 800));
    const id = newId();
    credentials.push({
      id,
      label: `${consumer.name} ${type.toLowerCase().replaceAll("_", " ")}`,
      type,
      createdAt: created,
      lastRotatedAt: rand.chance(0.6) ? ago(rand.int(1, 400)) : null,
      expiresAt: rand.chance(0.3) ? null : ahead(rand.int(-20, 365)),
      accessTokenTtlSeconds: tokenLifetime(consumer.kind, rand),
      refreshTokenTtlSeconds: consumer.kind === "HUMAN" ? 30 * 86400 : rand.chance(0.5) ? null : 7 * 86400,
      senderConstraint: type === "MTLS_CERT" ? "MTLS" : rand.chance(0.2) ? "DPOP" : "BEARER",
      audience: `https://api.example.internal`,
      leakedAt: rand.chance(0.01) ? ago(rand.int(1, 30)) : null,
      leakSource: null,
    });
    links.push({ consumerId: consumer.id, credentialId: id });
  }
  // Reuse: a handful of credentials also serve a second consumer (NHI9:2025).
  for (let i = 0; i < 6; i++) {
    const shared = rand.pick(links);
    const other = rand.pick(consumers);
    if (other.id !== shared.consumerId && !links.some((l) => l.consumerId === other.id && l.credentialId === shared.credentialId)) {
      links.push({ consumerId: other.id, credentialId: shared.credentialId });
    }
  }

  // Grants: roughly ten per consumer; agents often beyond their role's baseline.
  const grants: Prisma.GrantCreateManyInput[] = [];
  const grantScopes: Prisma.GrantScopeCreateManyInput[] = [];
  const events: Prisma.UsageEventCreateManyInput[] = [];
  let eventCounter = 0;
  for (const consumer of consumers) {
    const count = consumer.kind === "HUMAN" ? rand.int(4, 10) : rand.int(6, 14);
    for (const api of rand.sample(apis, count)) {
      const apiScopes = scopesOf(api.id);
      const held = rand.sample(apiScopes, rand.int(1, Math.max(1, Math.ceil(apiScopes.length * (consumer.kind === "AGENT" ? 0.8 : 0.5)))));
      const grantId = newId();
      const createdAt = ago(rand.int(5, 600));
      const used = rand.chance(0.7);
      const lastUsedAt = used ? ago(rand.int(0, 150)) : null;
      const status = consumer.status === "DECOMMISSIONED" ? "REVOKED" : rand.chance(0.04) ? "SUSPENDED" : rand.chance(0.04) ? "EXPIRED" : "ACTIVE";
      grants.push({
        id: grantId,
        consumerId: consumer.id,
        apiId: api.id,
        status,
        origin: rand.pick(["REQUEST", "IMPORT", "MANUAL", "REQUEST"] as const),
        justification: `Needed for ${consumer.name}'s work with ${api.name}`,
        grantedById: rand.pick(staff),
        approvedById: api.ownerId,
        createdAt,
        expiresAt: consumer.kind === "AGENT" && rand.chance(0.5) ? ahead(rand.int(3, 90)) : rand.chance(0.1) ? ahead(rand.int(10, 200)) : null,
        lastUsedAt,
        lastReviewedAt: rand.chance(0.5) ? ago(rand.int(10, 400)) : null,
        revokedAt: status === "REVOKED" ? consumer.decommissionedAt : null,
      });
      for (const scope of held) {
        const scopeUsed = used && rand.chance(0.7);
        grantScopes.push({ grantId, scopeId: scope.id, lastUsedAt: scopeUsed ? lastUsedAt : null });
        if (scopeUsed && lastUsedAt && eventCounter < 12_000) {
          for (let k = 0; k < 2; k++) {
            events.push({
              id: `demo-evt-${++eventCounter}`,
              occurredAt: new Date(lastUsedAt.getTime() - k * rand.int(1, 20) * DAY),
              consumerId: consumer.id,
              apiId: api.id,
              kind: k === 0 ? "API_CALL" : "TOKEN_ISSUED",
              scopes: scope.name,
              clientType: consumer.kind !== "HUMAN" && rand.chance(0.01) ? "browser" : "server",
            });
          }
        }
      }
    }
  }

  // A named agent of owner@'s, with a comparable role and no grants yet: the subject of the
  // access-request walkthrough (its token lifetime of 1 h is over the 15-min AGENT policy).
  const copilot = { id: newId(), name: "payments-copilot", role: roles.find((r) => r.name === "Payments analyst")! };
  consumers.push({
    id: copilot.id,
    kind: "AGENT",
    name: copilot.name,
    description: "Drafts refund decisions for the payments team.",
    teamId: teamId("Payments"),
    ownerId: demo.owner.id,
    status: "ACTIVE",
    environment: "PRODUCTION",
    agentProvider: "Anthropic",
    agentModel: "claude-sonnet",
    autonomy: "SUPERVISED",
    comparableRoleId: copilot.role.id,
    isCiPipeline: false,
    createdAt: ago(3),
  });
  credentials.push({
    id: `${copilot.id}-cred`,
    label: "payments-copilot client secret",
    type: "CLIENT_SECRET",
    createdAt: ago(3),
    expiresAt: ahead(87),
    accessTokenTtlSeconds: 3600,
    senderConstraint: "BEARER",
    audience: "https://api.example.internal",
  });
  links.push({ consumerId: copilot.id, credentialId: `${copilot.id}-cred` });

  await db.$transaction(
    async (tx) => {
      await tx.team.createMany({ data: teams });
      await tx.user.createMany({ data: users });
      await tx.userRoleGrant.createMany({ data: userRoles });
      await tx.api.createMany({ data: apis });
      await tx.scope.createMany({ data: scopes });
      await tx.jobRole.createMany({ data: roles });
      await tx.jobRoleScope.createMany({ data: roleScopes });
      await tx.consumer.createMany({ data: consumers });
      await tx.apiAddress.createMany({ data: addressesOf(apis) });
      await tx.consumerIdentity.createMany({ data: identitiesOf(consumers) });
      await tx.credential.createMany({ data: credentials });
      await tx.consumerCredential.createMany({ data: links });
      for (let i = 0; i < grants.length; i += 2000) await tx.grant.createMany({ data: grants.slice(i, i + 2000) });
      for (let i = 0; i < grantScopes.length; i += 5000) await tx.grantScope.createMany({ data: grantScopes.slice(i, i + 5000) });
      for (let i = 0; i < events.length; i += 5000) await tx.usageEvent.createMany({ data: events.slice(i, i + 5000) });
      await recordAudit(
        tx,
        { kind: "SYSTEM", label: "demo seed" },
        {
          action: "seed.demo",
          targetType: "Organisation",
          targetId: "demo",
          summary: `Seeded the demo organisation: ${apis.length} APIs, ${consumers.length} consumers, ${grants.length} grants, ${credentials.length} credentials`,
        },
      );
    },
    { timeout: 120_000 },
  );
  // Findings before the campaigns, so that review items carry theirs.
  await recomputeFindings(now);
  await seedCampaigns(db, { admin: DEMO_USERS.admin.email, owner: DEMO_USERS.owner.email });
  await seedMetricHistory(db, now, 60, rand);
  return {
    seeded: true,
    reason: `${apis.length} APIs, ${consumers.length} consumers, ${grants.length} grants, ${events.length} usage events, 2 access reviews`,
  };
}

// ───────── helpers ─────────

/**
 * Daily snapshots for the last `days` days, so the overview shows a 30-day change and a trend
 * from the start: today's real figures, with the risk shares a little higher the further back.
 * Per-team and per-environment figures are kept weekly for five weeks: enough for a change over
 * 30 days under every filter, without multiplying the history by every filter.
 */
export async function seedMetricHistory(db: Db, now: Date, days: number, rand: Random) {
  await snapshotMetrics(now);
  const today = await db.metricSnapshot.findMany({ where: { day: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) } });
  const SCOPED_DAYS = 35;
  const SCOPED_EVERY = 7;
  for (let d = 1; d <= days; d++) {
    const rows: Prisma.MetricSnapshotCreateManyInput[] = [];
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - d));
    for (const { scope, metric, value } of today) {
      if (scope !== "" && (d > SCOPED_DAYS || d % SCOPED_EVERY !== 0)) continue;
      const risk = /Share|overdue|findings\./.test(metric);
      const drift = risk ? 1 + (d / days) * 0.25 : 1 - (d / days) * 0.08;
      const next = value * drift * (1 + (rand.int(0, 1000) / 1000 - 0.5) * 0.02);
      rows.push({
        day,
        scope,
        metric,
        value: metric.endsWith("Share") || metric === "reviews.completion" ? Math.round(Math.min(100, next) * 10) / 10 : Math.round(next),
      });
    }
    await db.metricSnapshot.createMany({ data: rows });
  }
}

function idMaker(rand: Random) {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return () => "c" + Array.from({ length: 24 }, () => alphabet[Math.floor(rand.next() * alphabet.length)]).join("");
}

// How gateways name the demo's APIs and consumers: each API by its base URL and an audience,
// each consumer by a token subject (people) or an OAuth client id (the others) at the demo's
// identity provider. Derived from names, so the demo's random sequence is unchanged.
export const DEMO_ISSUER = "https://login.example.internal";

export const demoBaseUrl = (name: string) => `https://api.example.internal/${slug(name)}`;

function addressesOf(apis: { id: string; name: string }[]): Prisma.ApiAddressCreateManyInput[] {
  return apis.flatMap((api) => [
    { apiId: api.id, kind: "BASE_URL" as const, value: demoBaseUrl(api.name), host: "api.example.internal" },
    { apiId: api.id, kind: "AUDIENCE" as const, value: `urn:example:${slug(api.name)}` },
  ]);
}

function identitiesOf(consumers: { id: string; name: string; kind: ConsumerKind; environment: Environment }[]): Prisma.ConsumerIdentityCreateManyInput[] {
  const seen = new Set<string>();
  return consumers.flatMap((c) => {
    const base = c.kind === "HUMAN" ? `${slug(c.name)}@${DEMO_DOMAIN}` : slug(c.name);
    const value = c.environment === "PRODUCTION" ? base : `${base}.${c.environment.toLowerCase()}`;
    const kind = c.kind === "HUMAN" ? ("SUBJECT" as const) : ("CLIENT_ID" as const);
    if (seen.has(`${kind} ${value}`)) return [];
    seen.add(`${kind} ${value}`);
    return [{ consumerId: c.id, kind, issuer: DEMO_ISSUER, value }];
  });
}

export function slug(text: string) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function personName(rand: Random) {
  return `${rand.pick(FIRST_NAMES)} ${rand.pick(LAST_NAMES)}`;
}

function consumerName(kind: ConsumerKind, i: number, rand: Random) {
  const n = String(i + 1).padStart(3, "0");
  if (kind === "HUMAN") return `${personName(rand)} (${n})`;
  if (kind === "SERVICE") return `${rand.pick(["billing", "orders", "sync", "etl", "report", "deploy", "cache", "search"])}-svc-${n}`;
  if (kind === "PARTNER") return `${rand.pick(PARTNERS)} app ${n}`;
  return `${rand.pick(["triage", "refund", "research", "coding", "support", "finance", "ops"])}-agent-${n}`;
}

export function describe(kind: ConsumerKind) {
  return {
    HUMAN: "Person calling APIs with a personal token.",
    SERVICE: "Workload service account.",
    PARTNER: "Partner application with delegated access.",
    AGENT: "AI agent acting for a business role.",
  }[kind];
}

export function credentialType(kind: ConsumerKind, ci: boolean, rand: Random): CredentialType {
  if (kind === "HUMAN") return "PERSONAL_ACCESS_TOKEN";
  if (ci) return rand.chance(0.5) ? "WORKLOAD_IDENTITY" : "CLIENT_SECRET";
  if (kind === "PARTNER") return rand.pick(["CLIENT_SECRET", "PRIVATE_KEY_JWT", "MTLS_CERT", "API_KEY"] as const);
  if (kind === "AGENT") return rand.pick(["CLIENT_SECRET", "API_KEY", "WORKLOAD_IDENTITY", "PRIVATE_KEY_JWT"] as const);
  return rand.pick(["CLIENT_SECRET", "WORKLOAD_IDENTITY", "MTLS_CERT", "API_KEY", "PRIVATE_KEY_JWT"] as const);
}

export function tokenLifetime(kind: ConsumerKind, rand: Random): number | null {
  const options: Record<ConsumerKind, number[]> = {
    HUMAN: [3600, 8 * 3600, 8 * 3600, 24 * 3600],
    SERVICE: [300, 900, 3600, 3600, 24 * 3600, 7 * 86400],
    PARTNER: [900, 3600, 3600, 24 * 3600],
    AGENT: [300, 900, 900, 3600, 24 * 3600],
  };
  return rand.chance(0.05) ? null : rand.pick(options[kind]);
}

// ───────── command line ─────────

if (import.meta.url === `file://${process.argv[1]}`) {
  const { db } = await import("@/lib/server/db");
  const { env } = await import("@/lib/server/env");
  const started = Date.now();
  const result = await seedDemo(db, { password: env().DEMO_PASSWORD });
  console.log(result.seeded ? `Seeded the demo organisation in ${Date.now() - started} ms: ${result.reason}.` : `Seed skipped: ${result.reason}.`);
  await db.$disconnect();
}
