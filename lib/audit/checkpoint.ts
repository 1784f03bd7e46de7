// The background runner's re-check of the audit chain: one walk at a time across instances
// (a lease), its outcome kept for /audit.
import { withLease } from "@/lib/locks/claim";
import { db } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { verifyChain } from "./verify";

export const AUDIT_VERIFY_MINUTES = 10;
const LEASE_MS = 20 * 60_000;

/** Walks the chain when the last walk is older than the interval; returns whether it walked. */
export async function verifyAuditIfDue(now: Date): Promise<number> {
  const walked = await withLease("audit.verify", LEASE_MS, async () => {
    const last = await db.auditVerification.findUnique({ where: { id: 1 }, select: { checkedAt: true } });
    if (last && now.getTime() - last.checkedAt.getTime() < AUDIT_VERIFY_MINUTES * 60_000) return 0;
    const report = await verifyChain(db);
    const data = report.ok
      ? { checkedAt: now, ok: true, verifiedSeq: report.verifiedSeq, verifiedAt: report.verifiedAt, brokenSeq: null, reason: null }
      : { checkedAt: now, ok: false, verifiedSeq: report.verifiedSeq, verifiedAt: report.verifiedAt, brokenSeq: report.brokenSeq, reason: report.reason };
    await db.auditVerification.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    if (!report.ok) logger.error("audit chain broken", { event: report.brokenSeq, reason: report.reason });
    return 1;
  });
  return walked ?? 0;
}
