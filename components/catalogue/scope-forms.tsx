"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Hidden, SelectField, TextField } from "@/components/ui/fields";
import { addScopeAction, deleteScopeAction, updateScopeAction } from "@/lib/catalogue/actions";
import { AccessLevel } from "@/lib/generated/prisma/enums";

export function AddScopeForm({ apiId }: { apiId: string }) {
  return (
    <ActionForm
      action={addScopeAction}
      submitLabel="Add scope"
      className="grid items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_1fr_10rem_auto]"
    >
      <Hidden name="apiId" value={apiId} />
      <TextField name="name" label="Scope name" hint="e.g. payments:write" />
      <TextField name="description" label="What it permits" />
      <SelectField name="level" label="Access level" options={Object.values(AccessLevel)} defaultValue="READ" />
    </ActionForm>
  );
}

export function DeleteScopeButton({ scopeId, name }: { scopeId: string; name: string }) {
  return (
    <ActionForm
      action={deleteScopeAction}
      submitLabel={`Remove ${name}`}
      submitVariant="secondary"
      className="flex flex-col items-end gap-1"
      confirm={`Remove the scope ${name}?`}
    >
      <Hidden name="id" value={scopeId} />
    </ActionForm>
  );
}

export function EditScopeForm({ scope }: { scope: { id: string; name: string; level: string; description: string } }) {
  return (
    <details>
      <summary className="cursor-pointer text-xs text-brand-700">Edit {scope.name}</summary>
      <ActionForm action={updateScopeAction} submitLabel="Save scope" className="mt-2 space-y-2 text-left">
        <Hidden name="id" value={scope.id} />
        <TextField name="description" label="What it permits" defaultValue={scope.description} />
        <SelectField name="level" label="Access level" options={Object.values(AccessLevel)} defaultValue={scope.level} />
      </ActionForm>
    </details>
  );
}
