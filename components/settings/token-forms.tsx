"use client";
import { useActionState } from "react";
import { ActionForm, ErrorsProvider } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { CheckboxGroup, Hidden, TextField } from "@/components/ui/fields";
import { TOKEN_SCOPES } from "@/lib/api/token-scopes";
import { createTokenAction, revokeTokenAction } from "@/lib/settings/actions";

const SCOPE_HELP: Record<(typeof TOKEN_SCOPES)[number], string> = {
  "catalog:read": "read APIs, consumers, credentials, grants, findings",
  "catalog:write": "create, change and remove them",
  "telemetry:write": "send usage events",
  "decisions:read": "ask for runtime decisions",
  "reviews:read": "read access-review campaigns",
};

/** Creates a token and shows its secret once, with the instruction to copy it now. */
export function CreateTokenForm() {
  const [state, dispatch, pending] = useActionState(createTokenAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <div className="space-y-4">
      <form action={dispatch} className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" noValidate>
        <ErrorScope errors={errors}>
          <TextField name="name" label="Name" hint="Who uses it: e.g. “kong-prod gateway”" />
          <CheckboxGroup
            name="scopes"
            legend="Scopes"
            options={TOKEN_SCOPES.map((s) => ({
              value: s,
              label: (
                <span>
                  <span className="font-mono text-xs">{s}</span> <span className="text-xs text-slate-600">— {SCOPE_HELP[s]}</span>
                </span>
              ),
            }))}
          />
          <TextField name="days" label="Expires after (days)" type="number" defaultValue={90} hint="Required; at most 366 days" />
        </ErrorScope>
        <div role="status" aria-live="polite" className="text-sm">
          {state && !state.ok && <p className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">{state.error}</p>}
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {state?.ok && (
        <div role="status" className="max-w-2xl rounded-lg border border-green-300 bg-green-50 p-4 text-sm">
          <p className="font-medium text-green-900">Token {state.data.name} created. Copy it now: it is shown this once and only its hash is kept.</p>
          <label htmlFor="new-token" className="mt-2 block text-xs font-medium text-green-900">
            New token
          </label>
          <input
            id="new-token"
            readOnly
            value={state.data.secret}
            className="mt-1 w-full rounded border border-green-300 bg-white px-2 py-1 font-mono text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </div>
  );
}

// The shared field components read their errors from the ActionForm context; this form manages its own state.
function ErrorScope({ errors, children }: { errors: Record<string, string[]>; children: React.ReactNode }) {
  return <ErrorsProvider value={errors}>{children}</ErrorsProvider>;
}

export function RevokeTokenForm({ id, name }: { id: string; name: string }) {
  return (
    <ActionForm
      action={revokeTokenAction}
      submitLabel={`Revoke ${name}`}
      submitVariant="danger"
      confirm={`Revoke ${name}? Calls with it fail at once.`}
      className="space-y-1"
    >
      <Hidden name="id" value={id} />
    </ActionForm>
  );
}
