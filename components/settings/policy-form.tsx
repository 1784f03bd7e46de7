"use client";
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/ui/fields";
import { updatePolicyAction } from "@/lib/settings/actions";
import { GUARDRAIL_CODES, GUARDRAIL_TITLES, type Policy } from "@/lib/policy/policy";

const KINDS = CONSUMER_KINDS;
const KIND_LABEL = { HUMAN: "People", SERVICE: "Services", PARTNER: "Partner apps", AGENT: "AI agents" };

export function PolicyForm({ policy, approvers }: { policy: Policy; approvers: { id: string; name: string; email: string }[] }) {
  return (
    <ActionForm action={updatePolicyAction} submitLabel="Save policy" className="max-w-3xl space-y-6 rounded-lg border border-slate-200 bg-white p-5">
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Maximum access-token lifetime (minutes)</legend>
        <p className="text-sm text-slate-600">A credential issuing longer-lived tokens is a finding (NHI7:2025) and a guardrail on requests.</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-4">
          {KINDS.map((k) => (
            <TextField key={k} name={`tokenMinutes.${k}`} label={KIND_LABEL[k]} type="number" defaultValue={policy.maxTokenLifetime[k] / 60} />
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Credentials, usage and reviews</legend>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField name="maxCredentialAgeDays" label="Rotate credentials within (days)" type="number" defaultValue={policy.maxCredentialAgeDays} />
          <TextField name="unusedAfterDays" label="Access counts as unused after (days)" type="number" defaultValue={policy.unusedAfterDays} />
          <TextField
            name="defaultReviewCadenceDays"
            label="Default review reminder cadence (days)"
            type="number"
            defaultValue={policy.defaultReviewCadenceDays}
          />
          <TextField name="highRiskScore" label="Review items are high-risk from score" type="number" defaultValue={policy.highRiskScore} />
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Time-bound access</legend>
        <TextField name="expiryNoticeDays" label="Tell owners this many days before access ends" type="number" defaultValue={policy.expiryNoticeDays} />
        <p className="text-sm text-slate-600">Kinds that may request access with no end:</p>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-4">
          {KINDS.map((k) => (
            <CheckboxField key={k} name={`permanent.${k}`} label={KIND_LABEL[k]} defaultChecked={policy.permanentAllowed[k]} />
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Extra approvals by guardrail</legend>
        <p className="text-sm text-slate-600">A request that trips a guardrail set to “Administrator” gets an ADMIN step after the API owner.</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {GUARDRAIL_CODES.map((c) => (
            <SelectField
              key={c}
              name={`approval.${c}`}
              label={GUARDRAIL_TITLES[c]}
              options={[
                { value: "NONE", label: "No extra approval (flag only)" },
                { value: "ADMIN", label: "Administrator" },
              ]}
              defaultValue={policy.guardrailApprovals[c]}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">When nobody in line may approve</legend>
        <p className="text-sm text-slate-600">
          Separation of duties can leave a request&apos;s step with nobody eligible (the only administrator made the request, say). Such a step goes to this
          person; without one, the request waits and its requester is told.
        </p>
        <SelectField
          name="fallbackApproverId"
          label="Fallback approver"
          options={[{ value: "", label: "Nobody (requests may wait)" }, ...approvers.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))]}
          defaultValue={policy.fallbackApproverId ?? ""}
        />
      </fieldset>
    </ActionForm>
  );
}
