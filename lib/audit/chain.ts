// The audit log's hash chain. An event's hash is the SHA-256 of its canonical form (RFC 8785
// JSON: keys sorted, numbers and strings spelled one way) with the previous event's hash in it,
// so changing any field of an event, removing one or putting one out of order breaks the chain
// from there on. The position (seq) is not hashed: order is carried by the links, so events
// renumbered into another order show as out of order rather than as altered.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { ActorKind } from "@/lib/generated/prisma/enums";

export type ChainedEvent = {
  at: Date;
  actorKind: ActorKind;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
  before: unknown;
  after: unknown;
  prevHash: string;
};

export function eventHash(event: ChainedEvent): string {
  const canonical = canonicalize({
    at: event.at.toISOString(),
    actorKind: event.actorKind,
    actorUserId: event.actorUserId,
    actorTokenId: event.actorTokenId,
    actorLabel: event.actorLabel,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    summary: event.summary,
    before: event.before ?? null,
    after: event.after ?? null,
    prevHash: event.prevHash,
  });
  return createHash("sha256")
    .update(canonical ?? "")
    .digest("hex");
}
