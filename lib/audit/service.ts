// The audit log: append-only, written in the same transaction as the change it records, each
// event chained to the one before (chain.ts). recordAudit only writes: work that follows a
// change (the findings and dashboards refresh) reads committed events (lib/jobs/follow.ts).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import type { Actor } from "@/lib/server/authz";
import { eventHash, type ChainedEvent } from "./chain";

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId: string;
  summary: string;
  before?: unknown;
  after?: unknown;
};

type Head = { seq: number; hash: string };

// The head as this transaction left it. The transaction holds the head row from its first
// event to its commit, so nobody else can move it meanwhile; a rolled-back transaction's entry
// goes with its transaction object.
const heads = new WeakMap<Tx, Head>();

export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry) {
  const head = await takeHead(tx);
  const before = toJson(entry.before);
  const after = toJson(entry.after);
  const event: ChainedEvent = {
    at: new Date(),
    actorKind: actor.kind,
    // The accountable person: the user, or the user a token acts for.
    actorUserId: actor.kind === "SYSTEM" ? null : actor.userId,
    actorTokenId: actor.kind === "API_TOKEN" ? actor.tokenId : null,
    actorLabel: actor.label,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    summary: entry.summary,
    before,
    after,
    prevHash: head.hash,
  };
  const next = { seq: head.seq + 1, hash: eventHash(event) };
  const { before: _before, after: _after, ...fields } = event;
  await tx.auditEvent.create({
    data: {
      ...fields,
      seq: next.seq,
      hash: next.hash,
      // strictUndefinedChecks: absent fields are left out, never passed as undefined.
      ...(before !== null && { before }),
      ...(after !== null && { after }),
    },
  });
  await tx.auditHead.update({ where: { id: 1 }, data: next });
  heads.set(tx, next);
}

/**
 * After a rollback to a savepoint (the CSV importer's bad row) the head may be back where it was:
 * read it again at the next event rather than trust what this transaction last wrote.
 */
export function forgetHead(tx: Tx) {
  heads.delete(tx);
}

/**
 * The chain's head, held for the rest of the transaction: a no-op update takes the row (a row
 * lock on PostgreSQL, the write lock on SQLite), so writers on any number of instances append
 * one after another to one chain.
 */
async function takeHead(tx: Tx): Promise<Head> {
  const held = heads.get(tx);
  if (held) return held;
  const taken = await tx.auditHead.updateMany({ where: { id: 1 }, data: { seq: { increment: 0 } } });
  if (taken.count === 0) {
    // A database migrated before the head existed, or emptied by hand: start from what is there.
    await tx.auditHead.create({ data: { id: 1, seq: await tx.auditEvent.count(), hash: "" } });
  }
  let head = await tx.auditHead.findUniqueOrThrow({ where: { id: 1 }, select: { seq: true, hash: true } });
  if (head.seq > 0 && head.hash === "") head = await sealEarlierEvents(tx, head.seq);
  heads.set(tx, head);
  return head;
}

/**
 * Events written before the chain existed carry no hashes. The first write after the upgrade
 * chains them once, in their recorded order, under the head's lock; from then on no audit row
 * is ever updated.
 */
async function sealEarlierEvents(tx: Tx, upTo: number): Promise<Head> {
  let prevHash = "";
  let seq = 0;
  for (;;) {
    const page = await tx.auditEvent.findMany({ where: { seq: { gt: seq, lte: upTo } }, orderBy: { seq: "asc" }, take: 1000 });
    if (page.length === 0) break;
    for (const row of page) {
      const hash = eventHash({ ...row, prevHash });
      await tx.auditEvent.update({ where: { id: row.id }, data: { prevHash, hash } });
      prevHash = hash;
      seq = row.seq;
    }
  }
  await tx.auditHead.update({ where: { id: 1 }, data: { seq, hash: prevHash } });
  return { seq, hash: prevHash };
}

/** Dates become ISO strings and undefined fields drop out, so the stored JSON reads the same everywhere. */
function toJson(value: unknown): Prisma.InputJsonValue | null {
  return value == null ? null : JSON.parse(JSON.stringify(value));
}
