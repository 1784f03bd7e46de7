// What an approved request does to a grant's end dates. A request never lengthens access it
// did not ask for: scopes it does not name keep the end they had (the grant's, or their own),
// the scopes it names end at the later of what they had and what was approved, and the grant
// as a whole ends when its last scope does. `null` means "no end".

export type ScopeEnd = { scopeId: string; expiresAt: Date | null };

const later = (a: Date | null, b: Date | null) => (a === null || b === null ? null : a > b ? a : b);
const earlier = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a < b ? a : b);

export function widenGrant(
  grant: { expiresAt: Date | null; scopes: ScopeEnd[] },
  requestedScopeIds: string[],
  approvedUntil: Date | null,
): { expiresAt: Date | null; scopes: ScopeEnd[] } {
  const requested = new Set(requestedScopeIds);
  const held = new Map(grant.scopes.map((s) => [s.scopeId, earlier(s.expiresAt, grant.expiresAt)]));
  const scopes: ScopeEnd[] = [];
  for (const [scopeId, end] of held) {
    scopes.push({ scopeId, expiresAt: requested.has(scopeId) ? later(end, approvedUntil) : end });
  }
  for (const scopeId of requested) if (!held.has(scopeId)) scopes.push({ scopeId, expiresAt: approvedUntil });
  const expiresAt = scopes.reduce<Date | null | undefined>((acc, s) => (acc === undefined ? s.expiresAt : later(acc, s.expiresAt)), undefined) ?? null;
  // A scope that ends with the grant needs no end of its own.
  return {
    expiresAt,
    scopes: scopes.map((s) => ({
      scopeId: s.scopeId,
      expiresAt: s.expiresAt && expiresAt && s.expiresAt.getTime() === expiresAt.getTime() ? null : s.expiresAt,
    })),
  };
}
