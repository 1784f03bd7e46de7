"use client";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxGroup, Hidden, TextArea, TextField } from "@/components/ui/fields";
import { createGrantAction, revokeGrantAction, updateGrantAction } from "@/lib/catalogue/actions";

type ScopeChoice = { id: string; name: string; level: string; description: string };

function scopeOptions(scopes: ScopeChoice[]) {
  return scopes.map((s) => ({
    value: s.id,
    label: (
      <span>
        <span className="font-mono text-xs">{s.name}</span>{" "}
        <span className="text-xs text-slate-600">
          ({s.level.toLowerCase()}
          {s.description && ` — ${s.description}`})
        </span>
      </span>
    ),
  }));
}

export function NewGrantForm({ apiId, consumerId, scopes }: { apiId: string; consumerId: string; scopes: ScopeChoice[] }) {
  return (
    <ActionForm action={createGrantAction} submitLabel="Create grant" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <Hidden name="apiId" value={apiId} />
      <Hidden name="consumerId" value={consumerId} />
      <CheckboxGroup name="scopeIds" legend="Scopes" options={scopeOptions(scopes)} />
      <TextArea name="justification" label="Justification" hint="Why this consumer needs this access; reviewers read it" />
      <TextField name="expiresAt" label="Expires" type="date" hint="Time-bound access ends by itself; leave empty for no expiry" />
    </ActionForm>
  );
}

export function EditGrantForm({
  grantId,
  scopes,
  held,
  justification,
  expiresAt,
}: {
  grantId: string;
  scopes: ScopeChoice[];
  held: string[];
  justification: string;
  expiresAt: string;
}) {
  return (
    <ActionForm action={updateGrantAction} submitLabel="Save grant" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <Hidden name="id" value={grantId} />
      <CheckboxGroup name="scopeIds" legend="Scopes" options={scopeOptions(scopes)} defaultValues={held} />
      <TextArea name="justification" label="Justification" defaultValue={justification} />
      <TextField name="expiresAt" label="Expires" type="date" defaultValue={expiresAt} />
    </ActionForm>
  );
}

export function RevokeGrantForm({ grantId }: { grantId: string }) {
  return (
    <ActionForm
      action={revokeGrantAction}
      submitLabel="Revoke grant"
      submitVariant="danger"
      confirm="Revoke this grant? The consumer loses this access at its next call."
      className="max-w-xl space-y-3 rounded-lg border border-red-200 bg-red-50/50 p-4"
    >
      <Hidden name="id" value={grantId} />
      <TextField name="reason" label="Reason" hint="Recorded in the audit log" />
    </ActionForm>
  );
}
