// Review decisions and due-date rules in words, for reports a person reads (never SUSPEND or
// FOLLOW_RECOMMENDATION as stored).
import type { ReviewDecision, UndecidedOutcome } from "@/lib/generated/prisma/enums";

export const DECISION_WORDS: Record<ReviewDecision, string> = {
  APPROVE: "Approved",
  REVOKE: "Revoked",
  REDUCE: "Reduced",
  REASSIGN: "Reassigned",
};

export const DUE_RULE_WORDS: Record<UndecidedOutcome, string> = {
  KEEP: "Keep the access",
  REVOKE: "Revoke the access",
  FOLLOW_RECOMMENDATION: "Follow the recommendation",
  SUSPEND: "Suspend the access",
};

/** What an item left undecided at the due date got, by the campaign's rule. */
export function dueRuleApplied(rule: UndecidedOutcome): string {
  return `${DUE_RULE_WORDS[rule]} (due-date rule, no reviewer decided)`;
}
