"use client";
// The request form. While the requester ticks scopes the guardrails are evaluated on the
// server (the same function the submission stores) and shown before anything is sent.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { CheckboxGroup, Hidden, SelectField, TextArea } from "@/components/ui/fields";
import { unwrap } from "@/lib/action-result";
import { previewRequestAction, submitRequestAction } from "@/lib/requests/actions";
import { GuardrailList } from "./guardrail-list";

type ScopeChoice = { id: string; name: string; level: string; description: string; beyondBaseline: boolean; held: string | null };

const DURATION_LABELS: Record<string, string> = {
  "7": "7 days",
  "30": "30 days",
  "90": "90 days",
  "180": "180 days",
  "365": "1 year",
  permanent: "No end (permanent)",
};

export function RequestForm({
  consumerId,
  apiId,
  kind,
  roleName,
  scopes,
  permanentAllowed,
}: {
  consumerId: string;
  apiId: string;
  kind: string;
  roleName: string | null;
  scopes: ScopeChoice[];
  permanentAllowed: boolean;
}) {
  const [picked, setPicked] = useState<string[]>([]);
  const preview = useQuery({
    queryKey: ["request-preview", consumerId, apiId, [...picked].sort()],
    queryFn: () => unwrap(previewRequestAction({ consumerId, apiId, scopeIds: picked })),
    enabled: picked.length > 0,
    placeholderData: (previous) => previous,
  });
  const durations = Object.entries(DURATION_LABELS).filter(([d]) => d !== "permanent" || permanentAllowed);
  return (
    <div
      onChange={(event) => {
        const target = event.target as HTMLInputElement;
        if (target.name !== "scopeIds") return;
        const form = target.form!;
        setPicked(new FormData(form).getAll("scopeIds").map(String));
      }}
    >
      <ActionForm action={submitRequestAction} submitLabel="Submit request" className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <Hidden name="consumerId" value={consumerId} />
        <Hidden name="apiId" value={apiId} />
        <CheckboxGroup
          name="scopeIds"
          legend="Scopes"
          options={scopes.map((s) => ({
            value: s.id,
            label: (
              <span>
                <span className="font-mono text-xs">{s.name}</span>{" "}
                <Badge tone={s.level === "READ" ? "blue" : s.level === "WRITE" ? "amber" : "red"}>{s.level.toLowerCase()}</Badge>{" "}
                <span className="text-xs text-slate-600">{s.description}</span>
                {s.beyondBaseline && <span className="ml-1 text-xs font-medium text-amber-800">beyond {roleName ?? "a human baseline"}</span>}
                {s.held && <span className="ml-1 text-xs text-slate-600">(held {s.held})</span>}
              </span>
            ),
          }))}
        />
        <section aria-labelledby="guardrails-heading" aria-live="polite" className="space-y-2">
          <h3 id="guardrails-heading" className="text-sm font-medium text-slate-800">
            Guardrails
          </h3>
          {picked.length === 0 ? (
            <p className="text-sm text-slate-600">Tick scopes to see what policy says about them.</p>
          ) : preview.error ? (
            <p className="text-sm text-red-700">{preview.error.message}</p>
          ) : preview.data ? (
            <GuardrailList guardrails={preview.data.guardrails} />
          ) : (
            <p className="text-sm text-slate-600">Checking policy…</p>
          )}
        </section>
        <SelectField
          name="duration"
          label="Duration"
          hint={
            permanentAllowed
              ? "Access ends by itself after this time; you are told before it does."
              : `Policy allows only time-bound access for ${kind} consumers.`
          }
          options={durations.map(([value, label]) => ({ value, label }))}
          defaultValue={kind === "AGENT" || !permanentAllowed ? "30" : "permanent"}
        />
        <TextArea name="justification" label="Justification" hint="Why this consumer needs this access; every approver reads it" />
        {kind === "AGENT" && (
          <TextArea
            name="exceptionJustification"
            label="Exception justification"
            hint={`Required for scopes beyond ${roleName ? `the ${roleName} baseline` : "a comparable human role"}: why this agent needs more access than a person in that job`}
          />
        )}
      </ActionForm>
    </div>
  );
}
