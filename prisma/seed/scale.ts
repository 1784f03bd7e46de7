// `npm run seed:scale`: the scale dataset in the database DATABASE_URL names — the demo
// organisation's shape grown to about 2,000 APIs with 20,000 scopes, 100,000 consumers
// (20,000 of them agents with comparable roles), 150,000 credentials, 1,000,000 grants,
// 5,000,000 usage events and a year of daily snapshots. Rows are generated a slice of
// consumers at a time and loaded in bulk (see bulk-load.ts), so memory stays flat.
// It seeds the demo organisation first when the database is empty, and does nothing when
// the scale dataset is already there.
import { recordAudit } from "@/lib/audit/service";
import bcrypt from "bcryptjs";
import type { ConsumerKind } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/server/db";
import { AGENT_PROVIDERS, PARTNERS } from "./catalogue-data";
import { openLoader, type Cell, type Columns, type Loader } from "./bulk-load";
import { DEMO_DOMAIN, DEMO_USERS, credentialType, describe, personName, seedDemo, seedMetricHistory, slug, tokenLifetime } from "./demo";
import { progressBar } from "./progress";
import { createRandom, type Random } from "./random";
import { cycleAt } from "../../lib/lists/cycle";

const DAY = 86_400_000;

export const SCALE = {
  teams: 40,
  peoplePerTeam: 40,
  apis: 2000,
  scopesPerApi: 10,
  roles: 200,
  consumers: { HUMAN: 25_000, SERVICE: 40_000, PARTNER: 15_000, AGENT: 20_000 } satisfies Record<ConsumerKind, number>,
  grantsPerConsumer: 10,
  /** Share of grants with usage; each used grant carries 4–10 events (about 5,000,000 in all). */
  usedShare: 0.72,
  snapshotDays: 365,
};

const COLUMNS = {
  Team: [
    ["id", "text"],
    ["name", "text"],
    ["description", "text"],
    ["createdAt", "datetime"],
  ],
  User: [
    ["id", "text"],
    ["email", "text"],
    ["name", "text"],
    ["passwordHash", "text"],
    ["teamId", "text"],
    ["managerId", "text"],
    ["active", "bool"],
    ["createdAt", "datetime"],
    ["updatedAt", "datetime"],
  ],
  UserRoleGrant: [
    ["userId", "text"],
    ["role", { enum: "UserRole" }],
  ],
  Api: [
    ["id", "text"],
    ["name", "text"],
    ["description", "text"],
    ["teamId", "text"],
    ["ownerId", "text"],
    ["environment", { enum: "Environment" }],
    ["exposure", { enum: "Exposure" }],
    ["classification", { enum: "DataClassification" }],
    ["lifecycle", { enum: "Lifecycle" }],
    ["baseUrl", "text"],
    ["gateway", "text"],
    ["declaresImplicitFlow", "bool"],
    ["declaresPasswordFlow", "bool"],
    ["createdAt", "datetime"],
    ["updatedAt", "datetime"],
  ],
  Scope: [
    ["id", "text"],
    ["apiId", "text"],
    ["name", "text"],
    ["description", "text"],
    ["level", { enum: "AccessLevel" }],
    ["createdAt", "datetime"],
  ],
  JobRole: [
    ["id", "text"],
    ["name", "text"],
    ["description", "text"],
    ["teamId", "text"],
    ["createdAt", "datetime"],
    ["updatedAt", "datetime"],
  ],
  JobRoleScope: [
    ["roleId", "text"],
    ["scopeId", "text"],
  ],
  Consumer: [
    ["id", "text"],
    ["kind", { enum: "ConsumerKind" }],
    ["name", "text"],
    ["description", "text"],
    ["teamId", "text"],
    ["ownerId", "text"],
    ["status", { enum: "ConsumerStatus" }],
    ["environment", { enum: "Environment" }],
    ["agentProvider", "text"],
    ["agentModel", "text"],
    ["autonomy", { enum: "Autonomy" }],
    ["comparableRoleId", "text"],
    ["partnerOrg", "text"],
    ["isCiPipeline", "bool"],
    ["decommissionedAt", "datetime"],
    ["createdAt", "datetime"],
    ["updatedAt", "datetime"],
  ],
  Credential: [
    ["id", "text"],
    ["label", "text"],
    ["type", { enum: "CredentialType" }],
    ["createdAt", "datetime"],
    ["lastRotatedAt", "datetime"],
    ["expiresAt", "datetime"],
    ["accessTokenTtlSeconds", "int"],
    ["refreshTokenTtlSeconds", "int"],
    ["senderConstraint", { enum: "SenderConstraint" }],
    ["audience", "text"],
    ["leakedAt", "datetime"],
    ["updatedAt", "datetime"],
  ],
  ConsumerCredential: [
    ["consumerId", "text"],
    ["credentialId", "text"],
  ],
  Grant: [
    ["id", "text"],
    ["consumerId", "text"],
    ["apiId", "text"],
    ["status", { enum: "GrantStatus" }],
    ["origin", { enum: "GrantOrigin" }],
    ["justification", "text"],
    ["grantedById", "text"],
    ["approvedById", "text"],
    ["expiresAt", "datetime"],
    ["lastUsedAt", "datetime"],
    ["lastReviewedAt", "datetime"],
    ["revokedAt", "datetime"],
    ["createdAt", "datetime"],
    ["updatedAt", "datetime"],
  ],
  GrantScope: [
    ["grantId", "text"],
    ["scopeId", "text"],
    ["lastUsedAt", "datetime"],
  ],
  UsageEvent: [
    ["id", "text"],
    ["occurredAt", "datetime"],
    ["consumerId", "text"],
    ["apiId", "text"],
    ["kind", { enum: "UsageKind" }],
    ["scopes", "text"],
    ["clientType", "text"],
    ["receivedAt", "datetime"],
  ],
} satisfies Record<string, Columns>;

const RESOURCES = [
  "accounts",
  "addresses",
  "alerts",
  "assets",
  "audits",
  "batches",
  "bookings",
  "budgets",
  "campaigns",
  "cards",
  "cases",
  "claims",
  "contracts",
  "devices",
  "disputes",
  "entitlements",
  "forecasts",
  "incidents",
  "inventory",
  "jobs",
  "leads",
  "licences",
  "loans",
  "logs",
  "mandates",
  "metrics",
  "orders",
  "policies",
  "portfolios",
  "quotes",
  "receipts",
  "reports",
  "routes",
  "schedules",
  "sessions",
  "settlements",
  "subscriptions",
  "suppliers",
  "tasks",
  "transfers",
  "vehicles",
  "vendors",
  "wallets",
  "workflows",
];
const DOMAINS = ["Billing", "Claims", "Fleet", "Lending", "Logistics", "Marketing", "Procurement", "Risk", "Sales", "Treasury", "Trading", "Workforce"];

/** Ids that sort in creation order, so every primary-key index grows at its end. */
function ids(prefix: string) {
  let n = 0;
  return () => `${prefix}${(n++).toString(36).padStart(7, "0")}`;
}

export type ScaleResult = { seeded: boolean; reason: string };

/**
 * `fraction` shrinks the APIs, roles and consumers (not the people) for a quick build of the
 * same shape; 1 is the full dataset.
 */
export async function seedScale(
  db: Db,
  url: string,
  options: { password: string; now?: Date; fraction?: number; log?: (line: string) => void },
): Promise<ScaleResult> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const f = options.fraction ?? 1;
  if (await db.auditEvent.findFirst({ where: { action: "seed.scale" }, select: { id: true } }))
    return { seeded: false, reason: "the scale dataset is already there" };
  if (await db.team.findFirst({ where: { id: { startsWith: "xt" } }, select: { id: true } })) {
    throw new Error("This database holds part of an interrupted scale load: start again from an empty database.");
  }
  if ((await db.user.count()) === 0) {
    log("Seeding the demo organisation first…");
    await seedDemo(db, { password: options.password, now });
  }
  const rand = createRandom(20261123);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const ahead = (days: number) => new Date(now.getTime() + days * DAY);
  const existing = {
    teams: await db.team.count(),
    apis: await db.api.count(),
    consumers: await db.consumer.groupBy({ by: ["kind"], _count: true }),
    manager: await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.manager.email }, select: { id: true } }),
  };
  const loader = openLoader(url);
  let totals: Awaited<ReturnType<typeof loadConsumers>>;
  try {
    const org = await loadOrganisation(loader, rand, {
      now,
      ago,
      password: options.password,
      teams: SCALE.teams - existing.teams,
      managerId: existing.manager.id,
    });
    const catalogue = await loadCatalogue(loader, rand, {
      now,
      ago,
      org,
      apis: Math.max(10, Math.round(SCALE.apis * f) - existing.apis),
      roles: Math.max(5, Math.round(SCALE.roles * f)),
    });
    const plan = (Object.keys(SCALE.consumers) as ConsumerKind[]).map((kind) => {
      const have = existing.consumers.find((c) => c.kind === kind)?._count ?? 0;
      return [kind, Math.max(0, Math.round(SCALE.consumers[kind] * f) - have)] as const;
    });
    totals = await loadConsumers(loader, rand, { now, ago, ahead, org, catalogue, plan });
    await loader.close();
    log(
      `Loaded ${totals.consumers.toLocaleString("en")} consumers, ${totals.credentials.toLocaleString("en")} credentials, ${totals.grants.toLocaleString("en")} grants, ${totals.grantScopes.toLocaleString("en")} granted scopes, ${totals.events.toLocaleString("en")} usage events.`,
    );
  } catch (error) {
    await loader.close().catch(() => {});
    throw error;
  }

  log("Computing findings…");
  const { recomputeFindings } = await import("@/lib/findings/engine");
  await recomputeFindings(now);
  log(`Writing ${SCALE.snapshotDays} days of daily snapshots…`);
  await db.metricSnapshot.deleteMany({});
  await seedMetricHistory(db, now, SCALE.snapshotDays, rand);
  await db.$transaction((tx) =>
    recordAudit(
      tx,
      { kind: "SYSTEM", label: "scale seed" },
      { action: "seed.scale", targetType: "Organisation", targetId: "demo", summary: "Grew the demo organisation to the scale dataset" },
    ),
  );
  return { seeded: true, reason: `${totals.consumers.toLocaleString("en")} consumers and ${totals.grants.toLocaleString("en")} grants added` };
}

type Org = { teams: string[]; staffByTeam: Map<string, string[]>; staff: string[] };

async function loadOrganisation(
  loader: Loader,
  rand: Random,
  o: { now: Date; ago: (d: number) => Date; password: string; teams: number; managerId: string },
): Promise<Org> {
  const passwordHash = await bcrypt.hash(o.password, 10);
  const teamId = ids("xt");
  const userId = ids("xu");
  const teams: Cell[][] = [];
  const users: Cell[][] = [];
  const roles: Cell[][] = [];
  const org: Org = { teams: [], staffByTeam: new Map(), staff: [] };
  for (let t = 0; t < o.teams; t++) {
    const id = teamId();
    const name = `${DOMAINS[t % DOMAINS.length]} ${Math.floor(t / DOMAINS.length) + 1}`;
    teams.push([id, name, `${name} team`, o.ago(900)]);
    org.teams.push(id);
    const lead = userId();
    users.push([lead, `lead.${slug(name)}@${DEMO_DOMAIN}`, personName(rand), passwordHash, id, o.managerId, true, o.ago(800), o.now]);
    roles.push([lead, "MANAGER"], [lead, "OWNER"]);
    const staff: string[] = [];
    for (let p = 1; p < 40; p++) {
      const person = userId();
      users.push([person, `${slug(name)}.${p}@${DEMO_DOMAIN}`, personName(rand), passwordHash, id, lead, !rand.chance(0.02), o.ago(rand.int(30, 800)), o.now]);
      roles.push([person, "OWNER"]);
      staff.push(person);
    }
    org.staffByTeam.set(id, staff);
    org.staff.push(...staff);
  }
  await loader.insert("Team", COLUMNS.Team, teams);
  await loader.insert("User", COLUMNS.User, users);
  await loader.insert("UserRoleGrant", COLUMNS.UserRoleGrant, roles);
  await loader.commit();
  return org;
}

type ApiRow = { id: string; team: string; owner: string; scopes: { id: string; name: string; write: boolean }[] };
type Catalogue = { apis: ApiRow[]; roles: { id: string; baseline: Map<string, string[]> }[] };

async function loadCatalogue(
  loader: Loader,
  rand: Random,
  o: { now: Date; ago: (d: number) => Date; org: Org; apis: number; roles: number },
): Promise<Catalogue> {
  const apiId = ids("xa");
  const scopeId = ids("xs");
  const apiRows: Cell[][] = [];
  const scopeRows: Cell[][] = [];
  const apis: ApiRow[] = [];
  for (let i = 0; i < o.apis; i++) {
    const id = apiId();
    const team = rand.pick(o.org.teams);
    const owner = rand.pick(o.org.staffByTeam.get(team)!);
    const domain = DOMAINS[i % DOMAINS.length];
    const resources = rand.sample(RESOURCES, 4);
    const name = `${domain} ${resources[0]} API ${i + 1}`;
    const exposure = i % 11 === 3 ? "PARTNER" : i % 9 === 4 ? "PUBLIC" : "INTERNAL";
    const classification = i % 7 === 0 ? "RESTRICTED" : i % 5 === 0 ? "CONFIDENTIAL" : exposure === "PUBLIC" ? "PUBLIC" : "INTERNAL";
    const environment = i % 8 === 7 ? "STAGING" : "PRODUCTION";
    const implicit = i % 97 === 5;
    apiRows.push([
      id,
      name,
      `${domain} ${resources.join(", ")}.`,
      team,
      owner,
      environment,
      exposure,
      classification,
      i % 50 === 9 ? "DEPRECATED" : "PRODUCTION",
      `https://api.example.internal/${slug(name)}`,
      rand.pick(["kong-prod", "apigee-edge", "envoy-mesh"]),
      implicit,
      false,
      o.ago(rand.int(100, 900)),
      o.now,
    ]);
    const scopes: ApiRow["scopes"] = [];
    // Ten scopes: read and write on four resources, admin on two.
    for (const [r, resource] of resources.entries()) {
      for (const level of r < 2 ? ["read", "write", "admin"] : ["read", "write"]) {
        const sid = scopeId();
        const scopeName = `${resource}:${level}`;
        scopeRows.push([sid, id, scopeName, `${level} ${resource}`, level.toUpperCase(), o.ago(100)]);
        scopes.push({ id: sid, name: scopeName, write: level !== "read" });
      }
    }
    apis.push({ id, team, owner, scopes });
  }
  await loader.insert("Api", COLUMNS.Api, apiRows);
  await loader.insert("Scope", COLUMNS.Scope, scopeRows);

  // Human job roles: each role's baseline is read on four of its team's APIs, and write on one.
  const roleId = ids("xr");
  const roleRows: Cell[][] = [];
  const baselineRows: Cell[][] = [];
  const roles: Catalogue["roles"] = [];
  const apisByTeam = new Map<string, ApiRow[]>();
  for (const api of apis) apisByTeam.set(api.team, [...(apisByTeam.get(api.team) ?? []), api]);
  for (let r = 0; r < o.roles; r++) {
    const id = roleId();
    const team = cycleAt(o.org.teams, r);
    roleRows.push([id, `Role ${r + 1} (${DOMAINS[r % DOMAINS.length]})`, "Human job role of the scale organisation.", team, o.ago(400), o.now]);
    const baseline = new Map<string, string[]>();
    for (const [k, api] of rand.sample(apisByTeam.get(team) ?? apis, 4).entries()) {
      const held = api.scopes.filter((s) => !s.write || (k === 0 && s.name.endsWith(":write"))).map((s) => s.id);
      baseline.set(api.id, held);
      for (const scope of held) baselineRows.push([id, scope]);
    }
    roles.push({ id, baseline });
  }
  await loader.insert("JobRole", COLUMNS.JobRole, roleRows);
  await loader.insert("JobRoleScope", COLUMNS.JobRoleScope, baselineRows);
  await loader.commit();
  return { apis, roles };
}

const SLICE = 2000;

async function loadConsumers(
  loader: Loader,
  rand: Random,
  o: { now: Date; ago: (d: number) => Date; ahead: (d: number) => Date; org: Org; catalogue: Catalogue; plan: (readonly [ConsumerKind, number])[] },
) {
  const consumerId = ids("xc");
  const credentialId = ids("xk");
  const grantId = ids("xg");
  const eventId = ids("xe");
  const totals = { consumers: 0, credentials: 0, grants: 0, grantScopes: 0, events: 0 };
  const bar = progressBar(o.plan.reduce((n, [, count]) => n + count, 0));
  const { apis, roles } = o.catalogue;
  const apiById = new Map(apis.map((a) => [a.id, a]));
  let serial = 0;
  for (const [kind, count] of o.plan) {
    for (let start = 0; start < count; start += SLICE) {
      const rows = {
        consumers: [] as Cell[][],
        credentials: [] as Cell[][],
        links: [] as Cell[][],
        grants: [] as Cell[][],
        grantScopes: [] as Cell[][],
        events: [] as Cell[][],
      };
      for (let i = start; i < Math.min(count, start + SLICE); i++) {
        const id = consumerId();
        const team = rand.pick(o.org.teams);
        const owner = rand.chance(0.04) ? null : rand.pick(o.org.staffByTeam.get(team)!);
        const decommissioned = rand.chance(0.03);
        const status = decommissioned ? "DECOMMISSIONED" : rand.chance(0.03) ? "SUSPENDED" : "ACTIVE";
        const decommissionedAt = decommissioned ? o.ago(rand.int(5, 60)) : null;
        const [provider, model] = rand.pick(AGENT_PROVIDERS);
        const role = kind === "AGENT" ? rand.pick(roles) : null;
        const ci = kind === "SERVICE" && i % 5 === 0;
        const name = scaleName(kind, ++serial, rand);
        rows.consumers.push([
          id,
          kind,
          name,
          describe(kind),
          team,
          owner,
          status,
          rand.chance(0.8) ? "PRODUCTION" : rand.pick(["STAGING", "DEVELOPMENT"]),
          kind === "AGENT" ? provider : null,
          kind === "AGENT" ? model : null,
          kind === "AGENT" ? rand.pick(["HUMAN_IN_THE_LOOP", "SUPERVISED", "AUTONOMOUS"]) : null,
          role?.id ?? null,
          kind === "PARTNER" ? rand.pick(PARTNERS) : null,
          ci,
          decommissionedAt,
          o.ago(rand.int(10, 700)),
          o.now,
        ]);
        // One credential each, a second for every other consumer (rotation overlap, a second environment).
        for (let c = 0; c < (i % 2 === 0 ? 2 : 1); c++) {
          const cid = credentialId();
          const type = credentialType(kind, ci, rand);
          rows.credentials.push([
            cid,
            `${name} ${type.toLowerCase().replaceAll("_", " ")}`,
            type,
            o.ago(rand.int(20, 800)),
            rand.chance(0.6) ? o.ago(rand.int(1, 400)) : null,
            rand.chance(0.3) ? null : o.ahead(rand.int(-20, 365)),
            tokenLifetime(kind, rand),
            kind === "HUMAN" ? 30 * 86400 : rand.chance(0.5) ? null : 7 * 86400,
            type === "MTLS_CERT" ? "MTLS" : rand.chance(0.2) ? "DPOP" : "BEARER",
            "https://api.example.internal",
            rand.chance(0.005) ? o.ago(rand.int(1, 30)) : null,
            o.now,
          ]);
          rows.links.push([id, cid]);
        }
        // Grants: an agent's first few on its role's baseline APIs (within or near it), the rest anywhere.
        const baselineApis = role ? rand.sample([...role.baseline.keys()], rand.int(0, 4)).map((a) => apiById.get(a)!) : [];
        const chosen = new Set(baselineApis.map((a) => a.id));
        const targets = [...baselineApis];
        while (targets.length < SCALE.grantsPerConsumer) {
          const api = rand.pick(apis);
          if (!chosen.has(api.id)) {
            chosen.add(api.id);
            targets.push(api);
          }
        }
        for (const [g, api] of targets.entries()) {
          const gid = grantId();
          const withinBaseline = g < baselineApis.length && rand.chance(0.7);
          const pool = withinBaseline ? api.scopes.filter((s) => role!.baseline.get(api.id)!.includes(s.id)) : api.scopes;
          const held = rand.sample(pool, rand.int(1, Math.ceil(pool.length * (kind === "AGENT" ? 0.6 : 0.4))));
          const used = rand.chance(SCALE.usedShare);
          const lastUsedAt = used ? o.ago(rand.int(0, 150)) : null;
          const grantStatus = status === "DECOMMISSIONED" ? "REVOKED" : rand.chance(0.04) ? "SUSPENDED" : rand.chance(0.04) ? "EXPIRED" : "ACTIVE";
          rows.grants.push([
            gid,
            id,
            api.id,
            grantStatus,
            rand.pick(["REQUEST", "IMPORT", "MANUAL", "REQUEST"]),
            "Needed for the consumer's work",
            rand.pick(o.org.staff),
            api.owner,
            kind === "AGENT" && rand.chance(0.5) ? o.ahead(rand.int(3, 90)) : rand.chance(0.1) ? o.ahead(rand.int(10, 200)) : null,
            lastUsedAt,
            rand.chance(0.5) ? o.ago(rand.int(10, 400)) : null,
            grantStatus === "REVOKED" ? decommissionedAt : null,
            o.ago(rand.int(5, 600)),
            o.now,
          ]);
          for (const scope of held) rows.grantScopes.push([gid, scope.id, used && rand.chance(0.7) ? lastUsedAt : null]);
          if (lastUsedAt) {
            for (let e = rand.int(4, 10) - 1; e >= 0; e--) {
              const at = new Date(lastUsedAt.getTime() - e * rand.int(1, 3) * DAY);
              rows.events.push([eventId(), at, id, api.id, e % 3 === 0 ? "TOKEN_ISSUED" : "API_CALL", rand.pick(held).name, "server", at]);
            }
          }
        }
      }
      await loader.insert("Consumer", COLUMNS.Consumer, rows.consumers);
      await loader.insert("Credential", COLUMNS.Credential, rows.credentials);
      await loader.insert("ConsumerCredential", COLUMNS.ConsumerCredential, rows.links);
      await loader.insert("Grant", COLUMNS.Grant, rows.grants);
      await loader.insert("GrantScope", COLUMNS.GrantScope, rows.grantScopes);
      await loader.insert("UsageEvent", COLUMNS.UsageEvent, rows.events);
      totals.consumers += rows.consumers.length;
      totals.credentials += rows.credentials.length;
      totals.grants += rows.grants.length;
      totals.grantScopes += rows.grantScopes.length;
      totals.events += rows.events.length;
      if (totals.consumers % 20_000 < SLICE) await loader.commit();
      bar.advance(rows.consumers.length, `${kind.toLowerCase()}s · ${totals.grants.toLocaleString("en")} grants`);
    }
  }
  await loader.commit();
  bar.finish();
  return totals;
}

function scaleName(kind: ConsumerKind, n: number, rand: Random) {
  const tag = `s${n}`;
  if (kind === "HUMAN") return `${personName(rand)} (${tag})`;
  if (kind === "SERVICE") return `${rand.pick(["billing", "orders", "sync", "etl", "report", "deploy", "cache", "search"])}-svc-${tag}`;
  if (kind === "PARTNER") return `${rand.pick(PARTNERS)} app ${tag}`;
  return `${rand.pick(["triage", "refund", "research", "coding", "support", "finance", "ops"])}-agent-${tag}`;
}

// ───────── command line ─────────

if (import.meta.url === `file://${process.argv[1]}`) {
  const { db } = await import("@/lib/server/db");
  const { env } = await import("@/lib/server/env");
  const started = Date.now();
  const result = await seedScale(db, env().DATABASE_URL, { password: env().DEMO_PASSWORD, log: (line) => console.log(line) });
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(result.seeded ? `Scale dataset ready in ${Math.floor(seconds / 60)} min ${seconds % 60} s.` : `Scale seed skipped: ${result.reason}.`);
  await db.$disconnect();
}
