"use client";
import { counted } from "@/lib/format";
import { useState, useTransition } from "react";
import { ActionForm, useFieldErrors } from "@/components/ui/action-form";
import { Badge, label } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CheckboxField, CheckboxGroup, SelectField, TextArea, TextField } from "@/components/ui/fields";
import { ConsumerKind, Recurrence } from "@/lib/generated/prisma/enums";
import { launchCampaignAction, previewCampaignAction } from "@/lib/reviews/actions";

type Choice = { id: string; name: string };
type Preview = Awaited<ReturnType<typeof previewCampaignAction>>;

const OUTCOMES = [
  { value: "KEEP", label: "Keep the access (do nothing)" },
  { value: "SUSPEND", label: "Suspend the grant until someone decides" },
  { value: "FOLLOW_RECOMMENDATION", label: "Follow the recommendation" },
  { value: "REVOKE", label: "Revoke the access" },
];

function PreviewPanel() {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={(event) => {
          const form = event.currentTarget.form;
          if (!form) return;
          start(async () => setPreview(await previewCampaignAction(new FormData(form))));
        }}
      >
        {pending ? "Counting…" : "Preview the items"}
      </Button>
      <div aria-live="polite" className="mt-2 text-sm">
        {preview && !preview.ok && <p className="text-red-700">{preview.error}</p>}
        {preview?.ok && (
          <>
            <p className="font-medium" data-testid="preview-count">
              {counted(preview.data.count, "grant")} will be reviewed.
            </p>
            {preview.data.overlap && <p className="mt-1 text-amber-800">{preview.data.overlap}</p>}
            {preview.data.sample.length > 0 && (
              <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
                {preview.data.sample.map((s) => (
                  <li key={s.grantId} className="px-2 py-1.5">
                    <span className="font-medium">{s.consumer}</span> <span className="text-slate-600">({label(s.kind)})</span> on {s.api}:{" "}
                    <span className="font-mono text-xs">{s.scopes.join(" ")}</span> — recommend <strong>{s.recommendation.toLowerCase()}</strong>
                    {s.isHighRisk && (
                      <>
                        {" "}
                        <Badge tone="red">High risk</Badge>
                      </>
                    )}
                    <div className="text-xs text-slate-600">{s.reason}</div>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}

/** Shown once the server says the selection overlaps an active campaign, and kept from then on. */
function OverlapConfirmation() {
  const errors = useFieldErrors("overlapConfirmed");
  const [asked, setAsked] = useState(false);
  if (errors && !asked) setAsked(true);
  if (!errors && !asked) return null;
  return <CheckboxField name="overlapConfirmed" label="Launch anyway: review grants already under review in another campaign" />;
}

export function CampaignForm({
  apis,
  teams,
  defaultDue,
  defaultCadence,
  launchKey,
}: {
  apis: (Choice & { environment: string })[];
  teams: Choice[];
  defaultDue: string;
  defaultCadence: number;
  /** This form's own submission key: sent twice, it launches one campaign. */
  launchKey: string;
}) {
  const [stage2, setStage2] = useState(false);
  return (
    <ActionForm action={launchCampaignAction} submitLabel="Launch campaign" className="max-w-3xl space-y-5 rounded-lg border border-slate-200 bg-white p-5">
      <input type="hidden" name="launchKey" value={launchKey} />
      <TextField name="name" label="Name" hint="e.g. Q4 review of partner access" />
      <TextArea name="description" label="Description" />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold">Which grants</legend>
        <p className="text-xs text-slate-600">Active grants only. Leave a group empty to include all of it.</p>
        <CheckboxGroup name="apiIds" legend="APIs" options={apis.map((a) => ({ value: a.id, label: `${a.name} (${label(a.environment)})` }))} />
        <CheckboxGroup name="teamIds" legend="Consumer teams" options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        <CheckboxGroup name="kinds" legend="Consumer kinds" options={Object.values(ConsumerKind).map((k) => ({ value: k, label: label(k) }))} />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField name="notReviewedDays" label="Not reviewed in (days)" type="number" />
          <TextField name="olderThanDays" label="Created more than (days ago)" type="number" />
        </div>
        <CheckboxField name="hasFinding" label="Only grants with an open risk finding" />
        <PreviewPanel />
      </fieldset>
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold">Stages</legend>
        <p className="text-sm text-slate-700">Stage 1: the API owner decides each item (never on a consumer they own: those go to their manager).</p>
        <div className="flex items-center gap-2">
          <input id="stage2Enabled" name="stage2Enabled" type="checkbox" className="h-4 w-4" checked={stage2} onChange={(e) => setStage2(e.target.checked)} />
          <label htmlFor="stage2Enabled" className="text-sm">
            Stage 2: the consumer owner&apos;s manager signs off
          </label>
        </div>
        {stage2 && (
          <SelectField
            name="stage2Mode"
            label="What goes to the manager"
            options={[
              { value: "APPROVALS_ONLY", label: "Only approvals (access that stays)" },
              { value: "ALL_DECISIONS", label: "Every decision" },
            ]}
            defaultValue="APPROVALS_ONLY"
          />
        )}
      </fieldset>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField name="dueAt" label="Due date" type="date" defaultValue={defaultDue} />
        <TextField name="reminderCadenceDays" label="Remind reviewers every (days)" type="number" defaultValue={defaultCadence} />
        <SelectField name="undecidedOutcome" label="At the due date, undecided items" options={OUTCOMES} defaultValue="SUSPEND" />
        <SelectField
          name="recurrence"
          label="Repeat"
          options={Object.values(Recurrence).map((r) => ({ value: r, label: r === "NONE" ? "Once" : label(r) }))}
          defaultValue="NONE"
        />
      </div>
      <OverlapConfirmation />
    </ActionForm>
  );
}
