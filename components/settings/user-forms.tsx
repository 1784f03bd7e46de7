"use client";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxField, CheckboxGroup, Hidden, SelectField, TextField } from "@/components/ui/fields";
import { createUserAction, endSessionsAction, updateUserAction } from "@/lib/settings/actions";
import { UserRole } from "@/lib/generated/prisma/enums";

type Choice = { id: string; name: string };
const ROLE_OPTIONS = Object.values(UserRole).map((role) => ({ value: role, label: role.charAt(0) + role.slice(1).toLowerCase() }));

export function EditUserForm({
  user,
  teams,
  managers,
}: {
  user: { id: string; name: string; active: boolean; teamId: string | null; managerId: string | null; roles: string[] };
  teams: Choice[];
  managers: Choice[];
}) {
  return (
    <ActionForm action={updateUserAction} submitLabel="Save user" className="space-y-3 p-3">
      <Hidden name="id" value={user.id} />
      <TextField name="name" label="Name" defaultValue={user.name} />
      <CheckboxGroup name="roles" legend="Console roles" options={ROLE_OPTIONS} defaultValues={user.roles} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <SelectField name="teamId" label="Team" placeholder="No team" options={teams.map((t) => ({ value: t.id, label: t.name }))} defaultValue={user.teamId} />
        <SelectField
          name="managerId"
          label="Manager"
          placeholder="No manager"
          options={managers.filter((m) => m.id !== user.id).map((m) => ({ value: m.id, label: m.name }))}
          defaultValue={user.managerId}
        />
      </div>
      <CheckboxField name="active" label="Active (can sign in; a deactivated user's consumers become ownerless)" defaultChecked={user.active} />
    </ActionForm>
  );
}

/** Ends all of a user's sessions (a lost laptop, a suspected stolen cookie). */
export function EndSessionsForm({ user }: { user: { id: string; name: string } }) {
  return (
    <ActionForm
      action={endSessionsAction}
      submitLabel={`End ${user.name}'s sessions`}
      submitVariant="secondary"
      confirm={`Sign ${user.name} out of every browser now?`}
      className="space-y-2 px-3 pb-3"
    >
      <Hidden name="userId" value={user.id} />
    </ActionForm>
  );
}

export function CreateUserForm({ teams, managers }: { teams: Choice[]; managers: Choice[] }) {
  return (
    <ActionForm action={createUserAction} submitLabel="Create user" className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField name="name" label="Name" />
        <TextField name="email" label="Email" type="email" />
        <TextField name="password" label="Initial password" type="password" hint="At least 12 characters" />
        <SelectField name="teamId" label="Team" placeholder="No team" options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        <SelectField name="managerId" label="Manager" placeholder="No manager" options={managers.map((m) => ({ value: m.id, label: m.name }))} />
      </div>
      <CheckboxGroup name="roles" legend="Console roles" options={ROLE_OPTIONS} />
    </ActionForm>
  );
}
