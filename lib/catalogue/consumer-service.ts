// Mutations of consumers and their credentials. Authorization invariant: an OWNER acts
// only on consumers whose ownerId is theirs (and on credentials serving such a consumer);
// an ADMIN acts on all. Every change writes its audit event in the same transaction.
import { recordAudit } from "@/lib/audit/service";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownedWhere, requirePermission, type Ctx } from "@/lib/server/authz";
import { db, type Tx } from "@/lib/server/db";
import { conflict, invalid, notFound } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import { effectiveOwner } from "./api-service";
import { consumerInput, credentialInput, credentialUpdateInput, idInput, reasonInput, type ConsumerInput, type CredentialInput } from "./schemas";

/** Kind-specific fields are cleared when they do not apply, so a SERVICE never keeps an autonomy. */
export function consumerData(input: ConsumerInput) {
  const agent = input.kind === "AGENT";
  return {
    kind: input.kind,
    name: input.name,
    description: input.description,
    teamId: input.teamId,
    environment: input.environment,
    agentProvider: agent ? (input.agentProvider ?? null) : null,
    agentModel: agent ? (input.agentModel ?? null) : null,
    autonomy: agent ? (input.autonomy ?? null) : null,
    comparableRoleId: agent ? (input.comparableRoleId ?? null) : null,
    partnerOrg: input.kind === "PARTNER" ? (input.partnerOrg ?? null) : null,
    isCiPipeline: input.kind === "SERVICE" && input.isCiPipeline,
  };
}

async function assertUniqueName(tx: Tx, input: ConsumerInput, exceptId?: string) {
  const clash = await tx.consumer.findFirst({
    where: { name: input.name, environment: input.environment, ...(exceptId && { NOT: { id: exceptId } }) },
    select: { id: true },
  });
  if (clash) throw invalid("Some fields need attention.", { name: ["A consumer with this name already exists in this environment"] });
}

export async function createConsumer(ctx: Ctx, raw: unknown) {
  const input = parseInput(consumerInput, raw);
  const reach = requirePermission(ctx, "consumer.create");
  const ownerId = effectiveOwner(ctx, reach, input.ownerId);
  return db.$transaction(async (tx) => {
    await assertUniqueName(tx, input);
    const consumer = await tx.consumer.create({ data: { ...consumerData(input), ownerId } });
    await recordAudit(tx, ctx.actor, {
      action: "consumer.create",
      targetType: "Consumer",
      targetId: consumer.id,
      summary: `Created ${consumer.kind} consumer ${consumer.name}`,
      after: consumer,
    });
    return consumer;
  });
}

export async function updateConsumer(ctx: Ctx, rawId: unknown, raw: unknown) {
  // The id arrives bound to a server action, so from the client: it is input like any other.
  const { id } = parseInput(idInput, { id: rawId });
  const input = parseInput(consumerInput, raw);
  const scope = ownedWhere(ctx, "consumer.update", "ownerId");
  return db.$transaction(async (tx) => {
    const before = await tx.consumer.findFirst({ where: { id, ...scope } });
    if (!before) throw notFound("The consumer");
    if (before.status === "DECOMMISSIONED") throw conflict("A decommissioned consumer cannot be edited.");
    const ownerId = effectiveOwner(ctx, requirePermission(ctx, "consumer.update"), input.ownerId, before.ownerId);
    await assertUniqueName(tx, input, id);
    const after = await tx.consumer.update({ where: { id }, data: { ...consumerData(input), ownerId } });
    await recordAudit(tx, ctx.actor, {
      action: "consumer.update",
      targetType: "Consumer",
      targetId: id,
      summary: `Updated consumer ${after.name}`,
      before,
      after,
    });
    return after;
  });
}

/**
 * Decommissioning is final: the consumer's live grants are revoked and credentials that
 * serve only this consumer are revoked, all in one transaction with the status change.
 */
export async function decommissionConsumer(ctx: Ctx, raw: unknown) {
  const { id, reason } = parseInput(reasonInput, raw);
  const scope = ownedWhere(ctx, "consumer.decommission", "ownerId");
  const now = new Date();
  return db.$transaction(async (tx) => {
    const before = await tx.consumer.findFirst({ where: { id, ...scope } });
    if (!before) throw notFound("The consumer");
    if (before.status === "DECOMMISSIONED") throw conflict("This consumer is already decommissioned.");
    const live = await tx.grant.findMany({
      where: { consumerId: id, status: { in: ["ACTIVE", "PENDING", "SUSPENDED"] } },
      select: { id: true, status: true, apiId: true },
    });
    await tx.grant.updateMany({ where: { id: { in: live.map((g) => g.id) } }, data: { status: "REVOKED", revokedAt: now } });
    const soleCredentials = await tx.credential.findMany({
      where: { revokedAt: null, consumers: { some: { consumerId: id } }, NOT: { consumers: { some: { consumerId: { not: id } } } } },
      select: { id: true },
    });
    await tx.credential.updateMany({ where: { id: { in: soleCredentials.map((c) => c.id) } }, data: { revokedAt: now } });
    const after = await tx.consumer.update({ where: { id }, data: { status: "DECOMMISSIONED", decommissionedAt: now } });
    await recordAudit(tx, ctx.actor, {
      action: "consumer.decommission",
      targetType: "Consumer",
      targetId: id,
      summary: `Decommissioned ${before.name}: ${live.length} grant(s) and ${soleCredentials.length} credential(s) revoked. Reason: ${reason}`,
      before: { status: before.status },
      after: { status: after.status, revokedGrantIds: live.map((g) => g.id), revokedCredentialIds: soleCredentials.map((c) => c.id) },
    });
    for (const grant of live) {
      await recordAudit(tx, ctx.actor, {
        action: "grant.revoke",
        targetType: "Grant",
        targetId: grant.id,
        summary: `Revoked because consumer ${before.name} was decommissioned`,
        before: { status: grant.status },
        after: { status: "REVOKED" },
      });
    }
    return { consumer: after, revokedGrants: live.length, revokedCredentials: soleCredentials.length };
  });
}

export async function createCredential(ctx: Ctx, raw: unknown) {
  const input = parseInput(credentialInput, raw);
  const scope = ownedWhere(ctx, "credential.create", "ownerId");
  const { consumerId, ...fields } = input;
  return db.$transaction(async (tx) => {
    const consumer = await tx.consumer.findFirst({ where: { id: consumerId, ...scope }, select: { id: true, name: true, status: true } });
    if (!consumer) throw notFound("The consumer");
    if (consumer.status === "DECOMMISSIONED") throw conflict("A decommissioned consumer cannot get new credentials.");
    const credential = await tx.credential.create({ data: { ...credentialFacts(fields), consumers: { create: { consumerId } } } });
    await recordAudit(tx, ctx.actor, {
      action: "credential.create",
      targetType: "Credential",
      targetId: credential.id,
      summary: `Added ${credential.type} credential ${credential.label} to ${consumer.name}`,
      after: credential,
    });
    return credential;
  });
}

export async function updateCredential(ctx: Ctx, raw: unknown) {
  const { id, ...fields } = parseInput(credentialUpdateInput, raw);
  return changeCredential(ctx, id, "credential.update", (label) => `Updated credential ${label}`, credentialFacts(fields));
}

/** The recorded facts of a credential; an empty optional field clears the stored value. */
export function credentialFacts(fields: Omit<CredentialInput, "consumerId">) {
  return {
    label: fields.label,
    type: fields.type,
    senderConstraint: fields.senderConstraint,
    audience: fields.audience,
    lastRotatedAt: fields.lastRotatedAt ?? null,
    expiresAt: fields.expiresAt ?? null,
    accessTokenTtlSeconds: fields.accessTokenTtlSeconds ?? null,
    refreshTokenTtlSeconds: fields.refreshTokenTtlSeconds ?? null,
  };
}

/** Credentials an OWNER may touch: those serving at least one consumer they own. */
function credentialScope(ctx: Ctx, action: "credential.update") {
  const owner = ownedWhere(ctx, action, "ownerId");
  return Object.keys(owner).length ? { consumers: { some: { consumer: owner } } } : {};
}

export async function rotateCredential(ctx: Ctx, raw: unknown) {
  const { id } = parseInput(idInput, raw);
  return changeCredential(ctx, id, "credential.rotate", (label) => `Recorded rotation of ${label}`, { lastRotatedAt: new Date() });
}

export async function revokeCredential(ctx: Ctx, raw: unknown) {
  const { id } = parseInput(idInput, raw);
  return changeCredential(ctx, id, "credential.revoke", (label) => `Revoked credential ${label}`, { revokedAt: new Date() });
}

async function changeCredential(
  ctx: Ctx,
  id: string,
  action: string,
  summary: (label: string) => string,
  data: Prisma.CredentialUpdateInput,
) {
  const scope = credentialScope(ctx, "credential.update");
  return db.$transaction(async (tx) => {
    const before = await tx.credential.findFirst({ where: { id, ...scope } });
    if (!before) throw notFound("The credential");
    if (before.revokedAt) throw conflict("This credential is revoked: it can no longer change.");
    const after = await tx.credential.update({ where: { id }, data });
    await recordAudit(tx, ctx.actor, { action, targetType: "Credential", targetId: id, summary: summary(before.label), before, after });
    return after;
  });
}
