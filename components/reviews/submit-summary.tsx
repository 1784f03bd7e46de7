"use client";
// What submitting will do, across every page of the queue, before it is done: the counts by
// decision, what goes on to a manager, and the live grants that change at once.
import { counted } from "@/lib/format";
import type { DraftSummary } from "@/lib/reviews/draft-summary";
import { Button } from "@/components/ui/button";

export function SubmitSummary({
  summary,
  reassigned,
  pending,
  onConfirm,
  onCancel,
}: {
  summary: DraftSummary;
  reassigned: number;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const total = summary.itemIds.length;
  if (total === 0) {
    return (
      <div className="space-y-3">
        <p>No decision to submit yet: decide some items first (on any page of your queue).</p>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Close
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid="submit-summary">
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {(
          [
            ["Approved", summary.approved],
            ["Revoked", summary.revoked],
            ["Reduced", summary.reduced],
            ["Reassigned", reassigned],
          ] as const
        ).map(([name, n]) => (
          <li key={name} className="rounded-md border border-slate-200 p-2">
            <span className="block text-xl font-semibold tabular-nums">{n}</span>
            <span className="text-slate-700">{name}</span>
          </li>
        ))}
      </ul>
      {reassigned > 0 && <p className="text-slate-700">Reassigned items are already with their new reviewer and are not part of this submission.</p>}
      <p>
        Submitting closes your stage for {counted(total, "item")} across every page of your queue
        {summary.forwarded > 0 && `; ${counted(summary.forwarded, "goes", "go")} on to a manager for sign-off`}.
      </p>
      {summary.grantsChanging > 0 ? (
        <div>
          <p className="font-medium">{counted(summary.grantsChanging, "live grant changes", "live grants change")} at once:</p>
          <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-5">
            {summary.changes.map((c) => (
              <li key={c.grantId}>
                {c.consumer} on {c.api}: {c.decision === "REVOKE" ? "revoked" : "reduced"}
              </li>
            ))}
          </ul>
          {summary.grantsChanging > summary.changes.length && <p className="text-slate-700">and {summary.grantsChanging - summary.changes.length} more.</p>}
        </div>
      ) : (
        <p>No live grant changes at once.</p>
      )}
      <div className="flex gap-2">
        <Button type="button" disabled={pending} onClick={onConfirm}>
          Submit {counted(total, "decision")}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Not yet
        </Button>
      </div>
    </div>
  );
}
