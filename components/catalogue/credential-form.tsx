"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Hidden, SelectField, TextField } from "@/components/ui/fields";
import { createCredentialAction } from "@/lib/catalogue/actions";
import { CredentialType, SenderConstraint } from "@/lib/generated/prisma/enums";

const LIFETIMES = [
  { value: "300", label: "5 minutes" },
  { value: "900", label: "15 minutes" },
  { value: "3600", label: "1 hour" },
  { value: "28800", label: "8 hours" },
  { value: "86400", label: "24 hours" },
  { value: "604800", label: "7 days" },
];

export function CredentialForm({ consumerId }: { consumerId: string }) {
  return (
    <ActionForm action={createCredentialAction} submitLabel="Add credential" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <p className="text-sm text-slate-600">Scopeward records the facts about a credential, never the secret itself.</p>
      <Hidden name="consumerId" value={consumerId} />
      <TextField name="label" label="Label" hint="How people recognise it, e.g. the client id" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="type" label="Type" placeholder="Choose" options={Object.values(CredentialType)} />
        <SelectField
          name="senderConstraint"
          label="Sender constraint"
          options={Object.values(SenderConstraint).map((v) => ({ value: v, label: v === "BEARER" ? "None (bearer)" : v === "DPOP" ? "DPoP" : "mTLS" }))}
          defaultValue="BEARER"
        />
        <SelectField name="accessTokenTtlSeconds" label="Access-token lifetime" placeholder="Tokens never expire" options={LIFETIMES} />
        <SelectField name="refreshTokenTtlSeconds" label="Refresh-token lifetime" placeholder="No refresh token" options={[...LIFETIMES, { value: "2592000", label: "30 days" }]} />
        <TextField name="lastRotatedAt" label="Last rotated" type="date" />
        <TextField name="expiresAt" label="Expires" type="date" hint="Leave empty if it never expires" />
      </div>
      <TextField name="audience" label="Audience" hint="The token audience (aud), e.g. https://api.example.com" />
    </ActionForm>
  );
}
