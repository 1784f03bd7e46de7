// What a request asks for, judged: the caller's consumer, the API, its scopes and the
// guardrails that fire. The requester sees it while filling the form; submitting reads it
// again inside its transaction.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { loadPolicy, type Policy } from "@/lib/policy/policy";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db, type Db, type Tx } from "@/lib/server/db";
import { invalid, notFound } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import { evaluateGuardrails } from "./guardrails";
import { requestPreviewInput } from "./schemas";

/** The consumer the caller owns, with what the guardrails read. A consumer of someone else reads as missing. */
async function ownedConsumer(tx: Db | Tx, ctx: Pick<Ctx, "userId">, consumerId: string) {
  const consumer = await tx.consumer.findFirst({
    where: { id: consumerId, ownerId: ctx.userId },
    select: {
      id: true,
      name: true,
      kind: true,
      status: true,
      ownerId: true,
      comparableRole: { select: { name: true, scopes: { select: { scopeId: true } } } },
      credentials: {
        where: { credential: { revokedAt: null } },
        select: { credential: { select: { label: true, accessTokenTtlSeconds: true, senderConstraint: true } } },
      },
    },
  });
  if (!consumer) throw notFound("The consumer");
  return consumer;
}

export async function evaluateRequest(tx: Db | Tx, ctx: Pick<Ctx, "userId">, policy: Policy, input: { consumerId: string; apiId: string; scopeIds: string[] }) {
  const consumer = await ownedConsumer(tx, ctx, input.consumerId);
  const api = await tx.api.findUnique({ where: { id: input.apiId }, select: { id: true, name: true, classification: true, lifecycle: true, ownerId: true } });
  if (!api) throw notFound("The API");
  // Scopes by identity: only the API's own (a same-named scope of another API is not one of them).
  // Only scopes the API's document still declares can be asked for.
  const scopes = await tx.scope.findMany({
    where: { apiId: api.id, id: { in: input.scopeIds }, removedAt: null },
    select: { id: true, name: true, level: true },
    orderBy: { name: "asc" },
  });
  if (scopes.length !== new Set(input.scopeIds).size) {
    throw invalid("Some fields need attention.", { scopeIds: ["Every scope must be one the API declares"] });
  }
  const guardrails = evaluateGuardrails(
    {
      consumer: {
        kind: consumer.kind,
        name: consumer.name,
        comparableRole: consumer.comparableRole && {
          name: consumer.comparableRole.name,
          scopeIds: new Set(consumer.comparableRole.scopes.map((s) => s.scopeId)),
        },
      },
      credentials: consumer.credentials.map((c) => c.credential),
      api,
      scopes,
    },
    policy,
  );
  return { consumer, api, scopes, guardrails };
}

/** What the requester sees while filling the form: the guardrails and whether "permanent" is allowed. */
export async function previewRequest(ctx: Ctx, raw: unknown) {
  requirePermission(ctx, "request.create");
  const input = parseInput(requestPreviewInput, raw);
  const policy = await loadPolicy(db);
  const { consumer, guardrails } = await evaluateRequest(db, ctx, policy, input);
  return { guardrails, permanentAllowed: policy.permanentAllowed[consumer.kind], kind: consumer.kind };
}

/** A request that would add nothing (every scope already held with no end) is refused up front. */
export async function refuseIfAlreadyHeld(tx: Tx, consumerId: string, apiId: string, scopes: { id: string; name: string }[]) {
  const grant = await tx.grant.findFirst({
    where: { consumerId, apiId, status: { in: [...LIVE_GRANT_STATUSES] } },
    select: { expiresAt: true, scopes: { select: { scopeId: true, expiresAt: true } } },
  });
  if (!grant || grant.expiresAt) return;
  const forever = new Set(grant.scopes.filter((s) => s.expiresAt === null).map((s) => s.scopeId));
  if (scopes.every((s) => forever.has(s.id))) {
    throw invalid("Some fields need attention.", { scopeIds: ["The consumer already holds every one of these scopes with no end"] });
  }
}
