// The life of a campaign and of a review item, as pure transitions.
//
// Campaign: DRAFT → ACTIVE (launch) → COMPLETED (last item closed) | CANCELLED.
// Item:     STAGE1 → (submit) → STAGE2 when a second stage applies, else CLOSED;
//           STAGE2 → (submit) → CLOSED. While an item sits in a stage, its reviewer's
//           decision is a draft they may change; submitting closes the stage for it.
import type { CampaignStatus, Recommendation, ReviewDecision, ReviewItemStatus, Stage2Mode, UndecidedOutcome } from "@/lib/generated/prisma/enums";

export type CampaignEvent = "launch" | "complete" | "cancel";

const CAMPAIGN_TRANSITIONS: Record<CampaignStatus, Partial<Record<CampaignEvent, CampaignStatus>>> = {
  DRAFT: { launch: "ACTIVE", cancel: "CANCELLED" },
  ACTIVE: { complete: "COMPLETED", cancel: "CANCELLED" },
  COMPLETED: {},
  CANCELLED: {},
};

export function nextCampaignStatus(status: CampaignStatus, event: CampaignEvent): CampaignStatus | null {
  return CAMPAIGN_TRANSITIONS[status][event] ?? null;
}

/** Where an item goes when its stage-1 decision is submitted. */
export function afterStage1(decision: Exclude<ReviewDecision, "REASSIGN">, stage2Enabled: boolean, mode: Stage2Mode): ReviewItemStatus {
  if (!stage2Enabled) return "CLOSED";
  return mode === "ALL_DECISIONS" || decision === "APPROVE" ? "STAGE2" : "CLOSED";
}

export type FinalOutcome = "KEEP" | "REVOKE" | "REDUCE" | "SUSPEND";

/**
 * What happens to the grant once the item closes. A due-date rule applied to an item its
 * last stage left undecided wins; otherwise the last stage's decision does.
 */
export function finalOutcome(item: {
  stage1Decision: ReviewDecision | null;
  stage2Decision: ReviewDecision | null;
  outcome: UndecidedOutcome | null;
  recommendation: Recommendation;
}): FinalOutcome {
  if (item.outcome) {
    const decided = undecidedDecision(item.outcome, item.recommendation);
    return decided === "SUSPEND" ? "SUSPEND" : decided === "APPROVE" ? "KEEP" : (decided as "REVOKE" | "REDUCE");
  }
  const decision = item.stage2Decision ?? item.stage1Decision;
  if (decision === "REVOKE") return "REVOKE";
  if (decision === "REDUCE") return "REDUCE";
  return "KEEP";
}

/** The campaign's rule for an item nobody decided by the due date. */
export function undecidedDecision(rule: UndecidedOutcome, recommendation: Recommendation): ReviewDecision | "SUSPEND" {
  if (rule === "KEEP") return "APPROVE";
  if (rule === "REVOKE") return "REVOKE";
  if (rule === "SUSPEND") return "SUSPEND";
  return recommendation;
}

/**
 * A reason is required to go against the recommendation, and only then: following it needs no
 * words, and a reviewer who overrides it leaves the evidence of why. (Reassigning has its own rule.)
 */
export function commentRequired(decision: ReviewDecision, recommendation: Recommendation): string | null {
  if (decision === "REASSIGN" || decision === recommendation) return null;
  if (decision === "APPROVE") return `The recommendation is to ${recommendation === "REVOKE" ? "revoke" : "reduce"} this access: say why it should stay`;
  if (decision === "REVOKE") return `The recommendation is to ${recommendation === "APPROVE" ? "keep" : "reduce"} this access: say why you revoke it`;
  return "The recommendation is not to reduce this access: say why you reduce it";
}
