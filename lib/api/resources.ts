// The catalogue as the automation API serves it. Writes run the same commands as the console
// (validation, authorization, audit with the token as actor; a PATCH merges the body over the
// record inside the command's transaction); responses are shaped by the output schemas below,
// which the OpenAPI document is generated from.
import { z } from "zod";
import { createApi } from "@/lib/catalogue/commands/create-api";
import { createConsumer } from "@/lib/catalogue/commands/create-consumer";
import { createCredential } from "@/lib/catalogue/commands/create-credential";
import { createGrant } from "@/lib/catalogue/commands/create-grant";
import { decommissionConsumer } from "@/lib/catalogue/commands/decommission-consumer";
import { deleteApi } from "@/lib/catalogue/commands/delete-api";
import { revokeCredential } from "@/lib/catalogue/commands/revoke-credential";
import { revokeGrant } from "@/lib/catalogue/commands/revoke-grant";
import { updateApi } from "@/lib/catalogue/commands/update-api";
import { updateConsumer } from "@/lib/catalogue/commands/update-consumer";
import { updateCredential } from "@/lib/catalogue/commands/update-credential";
import { updateGrant } from "@/lib/catalogue/commands/update-grant";
import {
  AccessLevel,
  Autonomy,
  CampaignStatus,
  ConsumerKind,
  ConsumerStatus,
  CredentialType,
  DataClassification,
  Environment,
  Exposure,
  FindingStatus,
  GrantOrigin,
  GrantStatus,
  IdentityKind,
  Lifecycle,
  SenderConstraint,
  Severity,
} from "@/lib/generated/prisma/enums";
import { findingsSeen } from "@/lib/findings/seen";
import { db } from "@/lib/server/db";
import type { Ctx } from "@/lib/server/authz";
import { patchCommand, runCommand } from "@/lib/server/command";
import { invalid, notFound } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import { pageOf, pageQuery } from "./http";

const when = z.iso.datetime({ offset: true });
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable();

export const apiOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  teamId: z.string(),
  ownerId: maybe(z.string()),
  environment: z.enum(Environment),
  exposure: z.enum(Exposure),
  classification: z.enum(DataClassification),
  lifecycle: z.enum(Lifecycle),
  baseUrl: z.string(),
  gateway: z.string(),
  importedFrom: maybe(z.string()),
  declaresImplicitFlow: z.boolean(),
  declaresPasswordFlow: z.boolean(),
  scopes: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), level: z.enum(AccessLevel) })),
  audiences: z.array(z.string()).describe("Token audiences that name this API"),
  baseUrls: z.array(z.string()).describe("Base URLs its calls go to"),
  createdAt: when,
  updatedAt: when,
});

export const consumerOut = z.object({
  id: z.string(),
  kind: z.enum(ConsumerKind),
  name: z.string(),
  description: z.string(),
  teamId: z.string(),
  ownerId: maybe(z.string()),
  status: z.enum(ConsumerStatus),
  environment: z.enum(Environment),
  agentProvider: maybe(z.string()),
  agentModel: maybe(z.string()),
  autonomy: maybe(z.enum(Autonomy)),
  comparableRoleId: maybe(z.string()),
  partnerOrg: maybe(z.string()),
  isCiPipeline: z.boolean(),
  identities: z.array(z.object({ kind: z.enum(IdentityKind), issuer: z.string(), value: z.string() })),
  createdAt: when,
  updatedAt: when,
});

export const credentialOut = z.object({
  id: z.string(),
  label: z.string(),
  type: z.enum(CredentialType),
  consumerIds: z.array(z.string()),
  createdAt: when,
  lastRotatedAt: maybe(when),
  expiresAt: maybe(when),
  accessTokenTtlSeconds: maybe(z.number().int()),
  refreshTokenTtlSeconds: maybe(z.number().int()),
  senderConstraint: z.enum(SenderConstraint),
  audience: z.string(),
  leakedAt: maybe(when),
  revokedAt: maybe(when),
});

export const grantOut = z.object({
  id: z.string(),
  consumerId: z.string(),
  apiId: z.string(),
  status: z.enum(GrantStatus),
  origin: z.enum(GrantOrigin),
  justification: z.string(),
  scopes: z.array(z.object({ id: z.string(), name: z.string(), expiresAt: maybe(when), lastUsedAt: maybe(when) })),
  expiresAt: maybe(when),
  lastUsedAt: maybe(when),
  lastReviewedAt: maybe(when),
  createdAt: when,
});

export const findingOut = z.object({
  id: z.string(),
  rule: z.string(),
  severity: z.enum(Severity),
  nhi: z.string(),
  status: z.enum(FindingStatus),
  explanation: z.string(),
  consumerId: maybe(z.string()),
  credentialId: maybe(z.string()),
  grantId: maybe(z.string()),
  apiId: maybe(z.string()),
  firstSeenAt: when,
  lastSeenAt: when,
  closedAt: maybe(when),
});

export const campaignOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(CampaignStatus),
  dueAt: when,
  launchedAt: maybe(when),
  completedAt: maybe(when),
  items: z.number().int(),
  closed: z.number().int(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** Dates become ISO strings (as JSON would have them), then the output schema keeps exactly its fields. */
export function shape<T extends z.ZodType>(schema: T, row: unknown): z.output<T> {
  return schema.parse(JSON.parse(JSON.stringify(row)));
}

// ───────── reads ─────────

const apiSelect = {
  scopes: { select: { id: true, name: true, description: true, level: true }, orderBy: { name: "asc" as const } },
  addresses: { select: { kind: true, value: true }, orderBy: { createdAt: "asc" as const } },
};
const consumerSelect = { identities: { select: { kind: true, issuer: true, value: true }, orderBy: { createdAt: "asc" as const } } };

const apiShape = (row: { addresses: { kind: string; value: string }[] } & Record<string, unknown>) =>
  shape(apiOut, {
    ...row,
    audiences: row.addresses.filter((a) => a.kind === "AUDIENCE").map((a) => a.value),
    baseUrls: row.addresses.filter((a) => a.kind === "BASE_URL").map((a) => a.value),
  });
const credentialSelect = { consumers: { select: { consumerId: true } } };
const grantSelect = { scopes: { select: { scopeId: true, expiresAt: true, lastUsedAt: true, scope: { select: { name: true } } } } };

const credentialShape = (row: { consumers: { consumerId: string }[] } & Record<string, unknown>) =>
  shape(credentialOut, { ...row, consumerIds: row.consumers.map((c) => c.consumerId) });
const grantShape = (
  row: { scopes: { scopeId: string; expiresAt: Date | null; lastUsedAt: Date | null; scope: { name: string } }[] } & Record<string, unknown>,
) => shape(grantOut, { ...row, scopes: row.scopes.map((s) => ({ id: s.scopeId, name: s.scope.name, expiresAt: s.expiresAt, lastUsedAt: s.lastUsedAt })) });

const cursorArgs = (raw: Record<string, string>) => {
  const { limit, cursor } = parseInput(pageQuery, raw);
  return { limit, args: { take: limit + 1, orderBy: { id: "asc" as const }, ...(cursor && { cursor: { id: cursor }, skip: 1 }) } };
};

/** A DELETE's optional JSON body (a reason), as an object: anything else is the caller's mistake. */
function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return Object.fromEntries(Object.entries(body));
  throw invalid("Send a JSON object, or no body.", { _form: ["The body must be a JSON object"] });
}

export const catalog = {
  apis: {
    list: async (raw: Record<string, string>) => {
      const { limit, args } = cursorArgs(raw);
      const rows = await db.api.findMany({ ...args, include: apiSelect });
      const page = pageOf(rows, limit);
      return { data: page.data.map(apiShape), nextCursor: page.nextCursor };
    },
    read: async (id: string) => apiShape((await db.api.findUnique({ where: { id }, include: apiSelect })) ?? throwMissing("The API")),
    create: async (ctx: Ctx, body: unknown) => catalog.apis.read((await runCommand(createApi, ctx, body)).id),
    update: async (ctx: Ctx, id: string, body: unknown) => catalog.apis.read((await patchCommand(updateApi, ctx, id, body)).id),
    remove: async (ctx: Ctx, id: string, body: unknown) => {
      await runCommand(deleteApi, ctx, { ...bodyObject(body), id });
    },
  },
  consumers: {
    list: async (raw: Record<string, string>) => {
      const { limit, args } = cursorArgs(raw);
      const page = pageOf(await db.consumer.findMany({ ...args, include: consumerSelect }), limit);
      return { data: page.data.map((r) => shape(consumerOut, r)), nextCursor: page.nextCursor };
    },
    read: async (id: string) => shape(consumerOut, (await db.consumer.findUnique({ where: { id }, include: consumerSelect })) ?? throwMissing("The consumer")),
    create: async (ctx: Ctx, body: unknown) => catalog.consumers.read((await runCommand(createConsumer, ctx, body)).id),
    update: async (ctx: Ctx, id: string, body: unknown) => catalog.consumers.read((await patchCommand(updateConsumer, ctx, id, body)).id),
    /** Consumers are decommissioned, never deleted: their history stays. */
    remove: async (ctx: Ctx, id: string, body: unknown) => {
      await runCommand(decommissionConsumer, ctx, { reason: "Decommissioned through the automation API", ...bodyObject(body), id });
      return catalog.consumers.read(id);
    },
  },
  credentials: {
    list: async (raw: Record<string, string>) => {
      const { limit, args } = cursorArgs(raw);
      const page = pageOf(await db.credential.findMany({ ...args, include: credentialSelect }), limit);
      return { data: page.data.map(credentialShape), nextCursor: page.nextCursor };
    },
    read: async (id: string) =>
      credentialShape((await db.credential.findUnique({ where: { id }, include: credentialSelect })) ?? throwMissing("The credential")),
    create: async (ctx: Ctx, body: unknown) => catalog.credentials.read((await runCommand(createCredential, ctx, body)).id),
    update: async (ctx: Ctx, id: string, body: unknown) => catalog.credentials.read((await patchCommand(updateCredential, ctx, id, body)).id),
    remove: async (ctx: Ctx, id: string, body: unknown) => {
      await runCommand(revokeCredential, ctx, { ...bodyObject(body), id });
      return catalog.credentials.read(id);
    },
  },
  grants: {
    list: async (raw: Record<string, string>) => {
      const { limit, args } = cursorArgs(raw);
      const page = pageOf(await db.grant.findMany({ ...args, include: grantSelect }), limit);
      return { data: page.data.map(grantShape), nextCursor: page.nextCursor };
    },
    read: async (id: string) => grantShape((await db.grant.findUnique({ where: { id }, include: grantSelect })) ?? throwMissing("The grant")),
    create: async (ctx: Ctx, body: unknown) => catalog.grants.read((await runCommand(createGrant, ctx, body)).id),
    update: async (ctx: Ctx, id: string, body: unknown) => catalog.grants.read((await patchCommand(updateGrant, ctx, id, body)).id),
    remove: async (ctx: Ctx, id: string, body: unknown) => {
      await runCommand(revokeGrant, ctx, { reason: "Revoked through the automation API", ...bodyObject(body), id });
      return catalog.grants.read(id);
    },
  },
};

export async function listFindingsPage(raw: Record<string, string>) {
  const { limit, args } = cursorArgs(raw);
  const status = raw.status === "CLOSED" ? "CLOSED" : "OPEN";
  const page = pageOf(await findingsSeen(await db.finding.findMany({ ...args, where: { status } })), limit);
  return { data: page.data.map((r) => shape(findingOut, r)), nextCursor: page.nextCursor };
}

export async function listCampaignsPage(raw: Record<string, string>) {
  const { limit, args } = cursorArgs(raw);
  const rows = await db.campaign.findMany({ ...args, include: { _count: { select: { items: true } } } });
  const page = pageOf(rows, limit);
  const closed = await db.reviewItem.groupBy({
    by: ["campaignId"],
    where: { campaignId: { in: page.data.map((c) => c.id) }, status: "CLOSED" },
    _count: { _all: true },
  });
  return {
    data: page.data.map((c) => shape(campaignOut, { ...c, items: c._count.items, closed: closed.find((x) => x.campaignId === c.id)?._count._all ?? 0 })),
    nextCursor: page.nextCursor,
  };
}

function throwMissing(what: string): never {
  throw notFound(what);
}
