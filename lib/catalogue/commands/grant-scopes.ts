// A grant holds only scopes its own API declares: every scope id is checked against the
// grant's API, so a scope of another API (even one with the same name) is refused.
import { provider, type Tx } from "@/lib/server/db";
import { invalid } from "@/lib/server/errors";

export async function scopesOfApi(tx: Tx, apiId: string, scopeIds: string[], alreadyHeld: ReadonlySet<string> = new Set()) {
  const scopes = await tx.scope.findMany({ where: { apiId, id: { in: scopeIds } }, select: { id: true, name: true, removedAt: true }, orderBy: { name: "asc" } });
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
