// Time-bound grants end by themselves: each grant past its expiry is claimed with a
// conditional update (still ACTIVE) and audited, so a second runner changes nothing.
import { recordAudit } from "@/lib/audit/service";
import type { Actor } from "@/lib/server/authz";
import { db } from "@/lib/server/db";

const SYSTEM: Actor = { kind: "SYSTEM", label: "grant expiry" };

export async function expireGrants(now: Date): Promise<number> {
  const due = await db.grant.findMany({ where: { status: "ACTIVE", expiresAt: { lte: now } }, select: { id: true, expiresAt: true }, take: 10_000 });
  let expired = 0;
  for (const grant of due) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.grant.updateMany({ where: { id: grant.id, status: "ACTIVE" }, data: { status: "EXPIRED" } });
      if (count === 0) return;
      expired++;
      await recordAudit(tx, SYSTEM, {
        action: "grant.expire",
        targetType: "Grant",
        targetId: grant.id,
        summary: `Time-bound grant expired at ${grant.expiresAt!.toISOString()}`,
        before: { status: "ACTIVE" },
        after: { status: "EXPIRED" },
      });
    });
  }
  return expired;
}
