// Console API tokens: shown once, stored only as a SHA-256 hash, each with its own scopes and
// a required expiry of at most a year. A token is a principal that acts for the person who
// created it, with at most that person's reach narrowed by its scopes; when that person is
// deactivated or no longer holds a role that may keep tokens, the token is suspended.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { can } from "@/lib/server/permissions";
import { TOKEN_SCOPES } from "./token-scopes";

export { TOKEN_SCOPES, type TokenScope } from "./token-scopes";
export const TOKEN_PREFIX = "swd_";

const list = (v: unknown) =>
  v === undefined
    ? []
    : Array.isArray(v)
      ? v
      : typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [v];

export const tokenInput = z.strictObject({
  name: z.string().trim().min(3, "Name must be at least 3 characters").max(80, "At most 80 characters"),
  scopes: z.preprocess(
    list,
    z.array(z.enum(TOKEN_SCOPES, { error: `Each scope must be one of ${TOKEN_SCOPES.join(", ")}` })).min(1, "Pick at least one scope"),
  ),
  days: z.coerce
    .number({ error: "Expiry must be a number of days" })
    .int("Expiry must be a whole number of days")
    .min(1, "At least 1 day")
    .max(366, "At most one year"),
});

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

type Creator = { email: string; active: boolean; roles: readonly UserRole[] } | null;

/** Why a token cannot act now although it is neither revoked nor expired; null when it can. */
export function tokenSuspension(creator: Creator): string | null {
  if (!creator) return "No person stands behind this token. Ask an administrator for a new one.";
  if (!creator.active) return `This token is suspended: ${creator.email}, who created it, is deactivated.`;
  if (!can(creator.roles, "token.manage")) return `This token is suspended: ${creator.email}, who created it, no longer holds a role that may keep API tokens.`;
  return null;
}

/** Tokens the caller may see: an ADMIN every token, an OWNER their own. */
export async function listTokens(ctx: Ctx) {
  const reach = requirePermission(ctx, "token.manage");
  const rows = await db.apiToken.findMany({
    where: reach === "own" ? { createdById: ctx.userId } : {},
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdAt: true,
      createdBy: { select: { name: true, email: true, active: true, roles: { select: { role: true } } } },
    },
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    take: 500,
  });
  return rows.map((t) => ({ ...t, suspension: tokenSuspension(t.createdBy && { ...t.createdBy, roles: t.createdBy.roles.map((r) => r.role) }) }));
}
