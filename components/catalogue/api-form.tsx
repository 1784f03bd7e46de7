"use client";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextArea, TextField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/server/action";
import { DataClassification, Environment, Exposure, Lifecycle } from "@/lib/generated/prisma/enums";

type Choice = { id: string; name: string };
export type ApiFormValues = {
  name: string;
  description: string;
  teamId: string;
  ownerId: string | null;
  environment: string;
  exposure: string;
  classification: string;
  lifecycle: string;
  baseUrl: string;
  gateway: string;
  // One a line.
  audiences?: string;
  baseUrls?: string;
};

export function ApiForm({
  action,
  teams,
  users,
  canChooseOwner,
  values,
  submitLabel,
}: {
  action: (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;
  teams: Choice[];
  users: Choice[];
  canChooseOwner: boolean;
  values?: ApiFormValues;
  submitLabel: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
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
            label="Owner"
            placeholder="Me"
            options={users.map((u) => ({ value: u.id, label: u.name }))}
            defaultValue={values?.ownerId}
          />
        ) : (
          <p className="text-sm text-slate-600">You will be the owner of this API.</p>
        )}
        <SelectField name="environment" label="Environment" placeholder="Choose" options={Object.values(Environment)} defaultValue={values?.environment} />
        <SelectField name="exposure" label="Exposure" placeholder="Choose" options={Object.values(Exposure)} defaultValue={values?.exposure} />
        <SelectField
          name="classification"
          label="Data classification"
          placeholder="Choose"
          options={Object.values(DataClassification)}
          defaultValue={values?.classification}
        />
        <SelectField name="lifecycle" label="Lifecycle" options={Object.values(Lifecycle)} defaultValue={values?.lifecycle ?? "PRODUCTION"} />
      </div>
      <TextField name="baseUrl" label="Base URL" hint="e.g. https://api.example.com/v1" defaultValue={values?.baseUrl} />
      <TextField name="gateway" label="Gateway" hint="The gateway that fronts this API, if any" defaultValue={values?.gateway} />
      <TextArea
        name="baseUrls"
        label="Other base URLs"
        hint="One a line. Gateways and traces name the API by the host and path of any of these, and by the base URL above."
        defaultValue={values?.baseUrls}
        monospace
      />
      <TextArea name="audiences" label="Token audiences" hint="One a line: the aud values of tokens for this API." defaultValue={values?.audiences} monospace />
    </ActionForm>
  );
}
