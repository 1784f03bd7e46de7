// The audit log: append-only, written in the same transaction as the change it records.
import type { Tx } from "@/lib/server/db";
import type { Actor } from "@/lib/server/authz";
import { refreshFindingsSoon } from "@/lib/findings/engine";

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
  before?: unknown;
  after?: unknown;
};

export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry) {
  await tx.auditEvent.create({
    data: {
      actorKind: actor.kind,
      // The accountable person: the user, or the user a token acts for.
      actorUserId: actor.kind === "SYSTEM" ? null : actor.userId,
      actorTokenId: actor.kind === "API_TOKEN" ? actor.tokenId : null,
      actorLabel: actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      summary: entry.summary,
      // strictUndefinedChecks: absent fields are left out, never passed as undefined.
      ...(entry.before != null && { before: toJson(entry.before) }),
      ...(entry.after != null && { after: toJson(entry.after) }),
    },
  });
  // After the change commits (a moment later), findings catch up with it.
  refreshFindingsSoon(entry.targetType);
}

/** Dates become ISO strings and undefined fields drop out, so the stored JSON reads the same everywhere. */
function toJson(value: unknown) {
  return JSON.parse(JSON.stringify(value));
}
