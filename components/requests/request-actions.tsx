"use client";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxField, Hidden, TextArea } from "@/components/ui/fields";
import { cancelRequestAction, decideStepAction } from "@/lib/requests/actions";

/** Approve or deny the caller's step. Approving past guardrails asks them to be acknowledged, with a reason. */
export function DecideStepForm({ requestId, stepLabel, guardrails }: { requestId: string; stepLabel: string; guardrails: number }) {
  const flagged = guardrails === 1 ? "the guardrail" : `the ${guardrails} guardrails`;
  return (
    <ActionForm
      action={decideStepAction}
      choices={[
        { label: "Approve", name: "decision", value: "APPROVE" },
        { label: "Deny", name: "decision", value: "DENY", variant: "danger" },
      ]}
      className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <Hidden name="requestId" value={requestId} />
      <p className="text-sm font-medium">You decide the {stepLabel} step.</p>
      {guardrails > 0 && (
        <CheckboxField name="acknowledged" label={`I have read ${flagged} this request trips, and approve despite ${guardrails === 1 ? "it" : "them"}`} />
      )}
      <TextArea
        name="comment"
        label="Comment"
        hint={guardrails > 0 ? "Required to deny, and to approve despite the guardrails: the requester reads it" : "Required to deny: the requester reads it"}
      />
    </ActionForm>
  );
}

export function CancelRequestForm({ requestId }: { requestId: string }) {
  return (
    <ActionForm
      action={cancelRequestAction}
      submitLabel="Cancel request"
      submitVariant="danger"
      confirm="Cancel this request? Approvers will no longer see it."
      className="space-y-2"
    >
      <Hidden name="requestId" value={requestId} />
    </ActionForm>
  );
}
