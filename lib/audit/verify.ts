// Walks the audit chain from its first event: every position present and in order, every
// event's hash its content's, every link to the event before intact, and the head at the last
// event. Read-only; `npm run audit:verify` and the background runner call it.
import type { Db, Tx } from "@/lib/server/db";
import { eventHash } from "./chain";

export type ChainReport =
  | { ok: true; verifiedSeq: number; verifiedAt: Date | null; unsealed: number }
  | { ok: false; verifiedSeq: number; verifiedAt: Date | null; brokenSeq: number; reason: string };

const PAGE = 5000;

export async function verifyChain(client: Db | Tx): Promise<ChainReport> {
  const head = (await client.auditHead.findUnique({ where: { id: 1 }, select: { seq: true, hash: true } })) ?? { seq: 0, hash: "" };
  // Events from before the chain, not yet sealed (the next change seals them): nothing to check yet.
  if (head.hash === "" && head.seq > 0) {
    const last = await client.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, at: true } });
    return { ok: true, verifiedSeq: 0, verifiedAt: null, unsealed: last?.seq ?? 0 };
  }
  let expected = 1;
  let prevHash = "";
  let verifiedAt: Date | null = null;
  const broken = (brokenSeq: number, reason: string): ChainReport => ({ ok: false, verifiedSeq: expected - 1, verifiedAt, brokenSeq, reason });
  for (;;) {
    const page = await client.auditEvent.findMany({ where: { seq: { gte: expected } }, orderBy: { seq: "asc" }, take: PAGE });
    for (const event of page) {
      if (event.seq !== expected) return broken(expected, `event ${expected} is missing`);
      if (eventHash(event) !== event.hash) return broken(event.seq, `event ${event.seq} was altered: its content no longer matches its hash`);
      if (event.prevHash !== prevHash) {
        return broken(event.seq, `event ${event.seq} is out of order: it does not follow event ${event.seq - 1}`);
      }
      prevHash = event.hash;
      verifiedAt = event.at;
      expected++;
    }
    if (page.length < PAGE) break;
  }
  const last = expected - 1;
  if (head.seq > last) return broken(last + 1, `event ${last + 1} is missing: the chain's head is at event ${head.seq}`);
  if (head.hash !== prevHash) return broken(last, `the chain's head does not match event ${last}: events after it were removed`);
  // A walk that once reached further than the events now present saw later events that are gone.
  const previous = await client.auditVerification.findUnique({ where: { id: 1 }, select: { verifiedSeq: true, checkedAt: true } });
  if (previous && previous.verifiedSeq > last) {
    return broken(last + 1, `event ${last + 1} is missing: events up to ${previous.verifiedSeq} were verified at ${previous.checkedAt.toISOString()}`);
  }
  return { ok: true, verifiedSeq: last, verifiedAt, unsealed: 0 };
}
