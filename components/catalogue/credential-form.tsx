"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Hidden, SelectField, TextField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/server/action";
import { CredentialType, SenderConstraint } from "@/lib/generated/prisma/enums";

const LIFETIMES = [
  { value: "300", label: "5 minutes" },
  { value: "900", label: "15 minutes" },
  { value: "3600", label: "1 hour" },
  { value: "28800", label: "8 hours" },
  { value: "86400", label: "24 hours" },
  { value: "604800", label: "7 days" },
];

export type CredentialFormValues = {
  id: string;
  label: string;
  type: string;
  senderConstraint: string;
  accessTokenTtlSeconds: number | null;
  refreshTokenTtlSeconds: number | null;
  lastRotatedAt: string;
  expiresAt: string;
  audience: string;
};

/** Options for a lifetime select, keeping a stored value that is not one of the presets. */
function lifetimeOptions(presets: { value: string; label: string }[], current: number | null | undefined) {
  if (current == null || presets.some((p) => p.value === String(current))) return presets;
  return [...presets, { value: String(current), label: `${current} seconds` }];
}

export function CredentialForm({
  action,
  consumerId,
  values,
  submitLabel,
}: {
  action: (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;
  consumerId?: string;
  values?: CredentialFormValues;
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <p className="text-sm text-slate-600">Scopeward records the facts about a credential, never the secret itself.</p>
      {consumerId && <Hidden name="consumerId" value={consumerId} />}
      {values && <Hidden name="id" value={values.id} />}
      <TextField name="label" label="Label" hint="How people recognise it, e.g. the client id" defaultValue={values?.label} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectField name="type" label="Type" placeholder="Choose" options={Object.values(CredentialType)} defaultValue={values?.type} />
        <SelectField
          name="senderConstraint"
          label="Sender constraint"
          options={Object.values(SenderConstraint).map((v) => ({ value: v, label: v === "BEARER" ? "None (bearer)" : v === "DPOP" ? "DPoP" : "mTLS" }))}
          defaultValue={values?.senderConstraint ?? "BEARER"}
        />
        <SelectField
          name="accessTokenTtlSeconds"
          label="Access-token lifetime"
          placeholder="Tokens never expire"
          options={lifetimeOptions(LIFETIMES, values?.accessTokenTtlSeconds)}
          defaultValue={values?.accessTokenTtlSeconds?.toString()}
        />
        <SelectField
          name="refreshTokenTtlSeconds"
          label="Refresh-token lifetime"
          placeholder="No refresh token"
          options={lifetimeOptions([...LIFETIMES, { value: "2592000", label: "30 days" }], values?.refreshTokenTtlSeconds)}
          defaultValue={values?.refreshTokenTtlSeconds?.toString()}
        />
        <TextField name="lastRotatedAt" label="Last rotated" type="date" defaultValue={values?.lastRotatedAt} />
        <TextField name="expiresAt" label="Expires" type="date" hint="Leave empty if it never expires" defaultValue={values?.expiresAt} />
      </div>
      <TextField name="audience" label="Audience" hint="The token audience (aud), e.g. https://api.example.com" defaultValue={values?.audience} />
    </ActionForm>
  );
}
