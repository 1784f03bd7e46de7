// What the background runner last found when it walked the audit chain: verified up to an
// event, or the event where the chain breaks and why. Shown above the audit log.
import { formatDateTime, counted } from "@/lib/format";

type Verification = { checkedAt: Date; ok: boolean; verifiedSeq: number; brokenSeq: number | null; reason: string | null } | null;

export function IntegrityBanner({ verification, head }: { verification: Verification; head: number }) {
  if (!verification) {
    return (
      <p role="status" className="mb-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200">
        The audit chain has not been checked yet: the background runner walks it every ten minutes, or run <code>npm run audit:verify</code>.
      </p>
    );
  }
  if (!verification.ok) {
    return (
      <div role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-300">
        <p className="font-semibold">
          The audit chain is broken at event {verification.brokenSeq}: {verification.reason}.
        </p>
        <p>
          Events 1 to {verification.verifiedSeq} verify (checked {formatDateTime(verification.checkedAt)}). Events from {verification.brokenSeq} on cannot be
          trusted as recorded: compare them with a backup or an exported copy, and find who had write access to the database.
        </p>
      </div>
    );
  }
  const since = head - verification.verifiedSeq;
  return (
    <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 ring-1 ring-green-200">
      Audit chain verified up to event {verification.verifiedSeq} at {formatDateTime(verification.checkedAt)}
      {since > 0 ? `; ${counted(since, "newer event is", "newer events are")} checked at the next walk` : ""}.
    </p>
  );
}
