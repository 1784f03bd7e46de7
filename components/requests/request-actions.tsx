"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Hidden, SelectField, TextArea } from "@/components/ui/fields";
import { cancelRequestAction, decideStepAction } from "@/lib/requests/actions";

export function DecideStepForm({ requestId, stepLabel }: { requestId: string; stepLabel: string }) {
  return (
    <ActionForm action={decideStepAction} submitLabel="Record decision" className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <Hidden name="requestId" value={requestId} />
      <SelectField
        name="decision"
        label={`Your decision (${stepLabel} step)`}
        options={[
          { value: "APPROVE", label: "Approve" },
          { value: "DENY", label: "Deny" },
        ]}
        defaultValue="APPROVE"
      />
      <TextArea name="comment" label="Comment" hint="Required to deny: the requester reads it" />
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
