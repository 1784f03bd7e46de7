"use client";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxField, SelectField, TextArea, TextField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/server/action";
import { Autonomy, ConsumerKind, Environment } from "@/lib/generated/prisma/enums";

type Choice = { id: string; name: string };
export type ConsumerFormValues = {
  kind: string;
  name: string;
  description: string;
  teamId: string;
  ownerId: string | null;
  environment: string;
  agentProvider: string | null;
  agentModel: string | null;
  autonomy: string | null;
  comparableRoleId: string | null;
  partnerOrg: string | null;
  isCiPipeline: boolean;
  // One identity a line: KIND value [issuer].
  identities?: string;
};

export function ConsumerForm({
  action,
  teams,
  users,
  roles,
  canChooseOwner,
  values,
  submitLabel,
}: {
  action: (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;
  teams: Choice[];
  users: Choice[];
  roles: Choice[];
  canChooseOwner: boolean;
  values?: ConsumerFormValues;
  submitLabel: string;
}) {
  // The kind decides which extra fields apply; the server clears the others anyway.
  const [kind, setKind] = useState(values?.kind ?? "SERVICE");
  return (
    <ActionForm action={action} submitLabel={submitLabel} className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <div>
        <label htmlFor="consumer-kind" className="block text-sm font-medium text-slate-800">
          Kind
        </label>
        <select
          id="consumer-kind"
          name="kind"
          value={kind}
          onChange={(event) => setKind(event.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm"
        >
          {Object.values(ConsumerKind).map((k) => (
            <option key={k} value={k}>
              {{ HUMAN: "Person", SERVICE: "Service account / workload", PARTNER: "Partner application", AGENT: "AI agent" }[k]}
            </option>
          ))}
        </select>
      </div>
      <TextField name="name" label="Name" defaultValue={values?.name} required />
      <TextArea name="description" label="Description" defaultValue={values?.description} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectField
          name="teamId"
          label="Team"
          placeholder="Choose a team"
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
          defaultValue={values?.teamId}
        />
        {canChooseOwner ? (
          <SelectField
            name="ownerId"
            label="Accountable owner"
            placeholder="Me"
            options={users.map((u) => ({ value: u.id, label: u.name }))}
            defaultValue={values?.ownerId}
          />
        ) : (
          <p className="text-sm text-slate-600">You will be the accountable owner.</p>
        )}
        <SelectField name="environment" label="Environment" placeholder="Choose" options={Object.values(Environment)} defaultValue={values?.environment} />
      </div>
      {kind === "AGENT" && (
        <fieldset className="grid grid-cols-1 gap-4 rounded-md border border-violet-200 bg-violet-50/40 p-3 sm:grid-cols-2">
          <legend className="px-1 text-sm font-medium">AI agent</legend>
          <TextField name="agentProvider" label="Provider" defaultValue={values?.agentProvider} />
          <TextField name="agentModel" label="Model" defaultValue={values?.agentModel} />
          <SelectField name="autonomy" label="Autonomy" placeholder="Choose" options={Object.values(Autonomy)} defaultValue={values?.autonomy} />
          <SelectField
            name="comparableRoleId"
            label="Comparable human role"
            hint="The job whose access this agent's access is measured against"
            placeholder="Choose a role"
            options={roles.map((r) => ({ value: r.id, label: r.name }))}
            defaultValue={values?.comparableRoleId}
          />
        </fieldset>
      )}
      {kind === "PARTNER" && <TextField name="partnerOrg" label="Partner organisation" defaultValue={values?.partnerOrg} />}
      {kind === "SERVICE" && <CheckboxField name="isCiPipeline" label="This is a CI/CD pipeline" defaultChecked={values?.isCiPipeline} />}
      <TextArea
        name="identities"
        label="Identities at identity providers and gateways"
        hint="One a line: kind, value, then the issuer where the value is unique only there. Kinds: CLIENT_ID, SUBJECT, SPIFFE, API_KEY_PREFIX. For example: CLIENT_ID billing-sync https://login.example.com"
        defaultValue={values?.identities}
        monospace
      />
    </ActionForm>
  );
}
