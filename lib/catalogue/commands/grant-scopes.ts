// A grant holds only scopes its own API declares: every scope id is checked against the
// grant's API, so a scope of another API (even one with the same name) is refused.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Access } from "@/lib/server/command";
import { provider, type Tx } from "@/lib/server/db";
import { invalid } from "@/lib/server/errors";

export async function scopesOfApi(tx: Tx, apiId: string, scopeIds: string[], alreadyHeld: ReadonlySet<string> = new Set()) {
  const scopes = await tx.scope.findMany({
    where: { apiId, id: { in: scopeIds } },
    select: { id: true, name: true, removedAt: true },
    orderBy: { name: "asc" },
  });
  if (scopes.length !== new Set(scopeIds).size) {
    throw invalid("Some fields need attention.", { scopeIds: ["Every scope must be one the grant's API declares"] });
  }
  // A scope the API's document no longer declares may stay where it is held, never be given anew.
  const removed = scopes.filter((s) => s.removedAt && !alreadyHeld.has(s.id)).map((s) => s.name);
  if (removed.length) throw invalid("Some fields need attention.", { scopeIds: [`No longer in the API's document: ${removed.join(", ")}`] });
  return scopes;
}

/**
 * Holds the consumer's row until the transaction ends, so that two changes creating a live grant
 * for it cannot both see "no grant yet" (PostgreSQL; SQLite has one writer at a time).
 */
export async function lockConsumer(tx: Tx, consumerId: string) {
  if (provider() === "postgresql") await tx.$executeRaw`SELECT 1 FROM "Consumer" WHERE id = ${consumerId} FOR UPDATE`;
}

/**
 * Writes a new grant with its scopes, granted and approved by the person accountable for the
 * change, and its audit event; `describe` words the summary from the scope names.
 */
export async function insertGrant(
  tx: Tx,
  access: Access,
  data: Omit<Prisma.GrantUncheckedCreateInput, "scopes" | "grantedById" | "approvedById">,
  scopes: { id: string; name: string }[],
  describe: (scopeNames: string) => string,
) {
  const grant = await tx.grant.create({
    data: { ...data, grantedById: access.person, approvedById: access.person, scopes: { create: scopes.map((s) => ({ scopeId: s.id })) } },
  });
  const names = scopes.map((s) => s.name);
  return {
    result: grant,
    audit: [{ action: "grant.create", targetType: "Grant", targetId: grant.id, summary: describe(names.join(", ")), after: { ...grant, scopes: names } }],
  };
}
