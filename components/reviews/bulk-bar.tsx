"use client";
// Decisions for the selected items at once: approve, revoke, or accept each one's own
// recommendation, with one comment. Approving items recommended for revocation needs the
// override ticked (and a reason); the server checks the same rules and refuses the batch.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { counted } from "@/lib/format";
import type { QueueItem } from "@/lib/reviews/queries";

export type BulkAction = "APPROVE" | "REVOKE" | "ACCEPT";

export function BulkBar({
  selected,
  pending,
  onDecide,
  onClear,
}: {
  selected: QueueItem[];
  pending: boolean;
  onDecide: (input: { action: BulkAction; comment: string; override: boolean }) => void;
  onClear: () => void;
}) {
  const [comment, setComment] = useState("");
  const [override, setOverride] = useState(false);
  const revokeRecommended = selected.filter((i) => i.recommendation === "REVOKE").length;
  return (
    <section aria-label="Bulk decision" className="space-y-2 border-b border-slate-200 bg-brand-50 p-2 text-sm">
      <p className="font-medium">{counted(selected.length, "item")} selected</p>
      <label className="block">
        <span className="sr-only">Comment for the selected items</span>
        <input
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="Comment for all of them (the reason, when against a recommendation)"
          className="w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      {revokeRecommended > 0 && (
        <label className="flex items-start gap-2 text-amber-900">
          <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} className="mt-0.5" />
          <span>
            Approve {revokeRecommended === 1 ? "the item" : `the ${revokeRecommended} items`} recommended for revocation anyway (an override: the comment is the
            reason)
          </span>
        </label>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" disabled={pending} onClick={() => onDecide({ action: "ACCEPT", comment, override })}>
          Accept the recommendations
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => onDecide({ action: "APPROVE", comment, override })}>
          Approve selected
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => onDecide({ action: "REVOKE", comment, override })}>
          Revoke selected
        </Button>
        <Button type="button" variant="ghost" onClick={onClear}>
          Clear selection
        </Button>
      </div>
    </section>
  );
}
