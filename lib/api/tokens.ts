// Console API tokens: created by an ADMIN, shown once, stored only as a SHA-256 hash, each
// with its own scopes and a required expiry of at most a year. Every change is audited.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/service";
import { requirePermission, type Actor, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { conflict, notFound } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";

import { TOKEN_SCOPES } from "./token-scopes";

export { TOKEN_SCOPES, type TokenScope } from "./token-scopes";
export const TOKEN_PREFIX = "swd_";
const DAY = 86_400_000;

const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : [v]);

export const tokenInput = z.object({
  name: z.string().trim().min(3, "Name must be at least 3 characters").max(80, "At most 80 characters"),
  scopes: z.preprocess(list, z.array(z.enum(TOKEN_SCOPES, { error: `Each scope must be one of ${TOKEN_SCOPES.join(", ")}` })).min(1, "Pick at least one scope")),
  days: z.coerce.number({ error: "Expiry must be a number of days" }).int("Expiry must be a whole number of days").min(1, "At least 1 day").max(366, "At most one year"),
});

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a token; the secret is in the result and nowhere else. */
export async function createToken(actor: Actor & { userId?: string }, createdById: string | null, raw: unknown) {
  const input = parseInput(tokenInput, raw);
  const secret = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  const scopes = [...new Set(input.scopes)].sort();
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: { name: input.name, tokenHash: hashToken(secret), prefix: secret.slice(0, 10), scopes: scopes.join(" "), createdById, expiresAt: new Date(Date.now() + input.days * DAY) },
    });
    await recordAudit(tx, actor, {
      action: "token.create",
      targetType: "ApiToken",
      targetId: token.id,
      summary: `Created API token ${token.name} (${scopes.join(", ")}), expires ${token.expiresAt.toISOString().slice(0, 10)}`,
      after: { name: token.name, scopes, expiresAt: token.expiresAt, prefix: token.prefix },
    });
    return { id: token.id, name: token.name, scopes, expiresAt: token.expiresAt, secret };
  });
}

export async function createTokenAsUser(ctx: Ctx, raw: unknown) {
  requirePermission(ctx, "token.manage");
  return createToken(ctx.actor, ctx.userId, raw);
}

export async function revokeToken(ctx: Ctx, raw: unknown) {
  requirePermission(ctx, "token.manage");
  const { id } = parseInput(z.object({ id: z.string().trim().min(1).max(64) }), raw);
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id } });
    if (!token) throw notFound("The token");
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw conflict("This token is already revoked.");
    await recordAudit(tx, ctx.actor, { action: "token.revoke", targetType: "ApiToken", targetId: id, summary: `Revoked API token ${token.name}`, before: { revokedAt: null }, after: { revokedAt: new Date() } });
  });
}

export async function listTokens(ctx: Ctx) {
  requirePermission(ctx, "token.manage");
  return db.apiToken.findMany({
    select: { id: true, name: true, prefix: true, scopes: true, expiresAt: true, lastUsedAt: true, revokedAt: true, createdAt: true, createdBy: { select: { name: true } } },
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    take: 500,
  });
}
