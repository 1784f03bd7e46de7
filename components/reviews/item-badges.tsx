// The small marks a review item carries in the queue and its detail: its risk band and the
// reviewer's draft decision for the stage it is in.
import { Badge } from "@/components/ui/badge";
import type { QueueItem } from "@/lib/reviews/queries";
import { BAND_WORDS, type RiskBand } from "@/lib/reviews/risk-band";

const BAND_TONE = { HIGH: "red", MEDIUM: "amber", LOW: "slate" } as const;

export function BandBadge({ band }: { band: RiskBand }) {
  return (
    <span data-band={band}>
      <Badge tone={BAND_TONE[band]}>{BAND_WORDS[band]}</Badge>
    </span>
  );
}

export function currentDecision(item: Pick<QueueItem, "status" | "stage1Decision" | "stage2Decision">) {
  return item.status === "STAGE1" ? item.stage1Decision : item.stage2Decision;
}

const DECISION_TONE = { APPROVE: "green", REVOKE: "red", REDUCE: "amber", REASSIGN: "slate" } as const;

export function DecisionBadge({ decision }: { decision: QueueItem["stage1Decision"] }) {
  if (!decision) return null;
  return <Badge tone={DECISION_TONE[decision]}>{decision === "APPROVE" ? "Approved" : decision === "REVOKE" ? "Revoked" : "Reduced"} (draft)</Badge>;
}
