"use client";
// The evidence of the item open in the queue, and its decision controls, always in view
// beside the list: the risk with its scale, the facts as labelled values, the scopes (an
// agent's against its comparable human role), the credentials and the recommendation.
import { useState } from "react";
import { Badge, ValueBadge, label } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ScrollArea } from "@/components/ui/scroll-area";
import { useHydrated } from "@/components/ui/use-hydrated";
import { counted, daysSince, formatDate, formatDuration } from "@/lib/format";
import type { QueueItem } from "@/lib/reviews/queries";
import type { RiskScale } from "@/lib/reviews/risk-band";
import { commentRequired } from "@/lib/reviews/item-state";
import { BandBadge, currentDecision } from "./item-badges";

export type Decide = (input: {
  itemId: string;
  version: number;
  decision: "APPROVE" | "REVOKE" | "REDUCE" | "REASSIGN";
  comment: string;
  keptScopeIds?: string[];
  reassignTo?: string;
}) => void;

export type Panel = "reduce" | "reassign" | null;

const TONE_CLASS = { bad: "text-red-800", warn: "text-amber-900", ok: "text-green-800", info: "text-slate-800" } as const;

function scopeUse(iso: string | null): string {
  const days = daysSince(iso);
  if (days === null) return "none recorded";
  return days === 0 ? "today" : `${days} d ago`;
}

export function ItemDetail({
  item,
  scale,
  decide,
  error,
  reviewers,
  panel,
  setPanel,
  onClose,
}: {
  item: QueueItem;
  scale: RiskScale;
  decide: Decide;
  error?: string;
  reviewers: { id: string; name: string }[];
  panel: Panel;
  setPanel: (panel: Panel) => void;
  onClose: () => void;
}) {
  const s = item.snapshot;
  const stage = item.status === "STAGE1" ? 1 : 2;
  const draft = currentDecision(item);
  const [comment, setComment] = useState((stage === 1 ? item.stage1Comment : item.stage2Comment) ?? "");
  const [keep, setKeep] = useState<string[]>(item.keptScopeIds.length ? item.keptScopeIds : s.scopes.map((x) => x.id));
  const [reassignName, setReassignName] = useState("");
  const reassignTo = reviewers.find((r) => r.name === reassignName)?.id ?? "";
  const base = { itemId: item.id, version: item.version, comment };
  const isAgent = s.consumer.kind === "AGENT";
  const [hint, setHint] = useState<string | null>(null);
  const hydrated = useHydrated();
  // Against the recommendation the reason comes first (the server's own rule, commentRequired):
  // the comment takes focus and says why.
  const decideOrAsk = (decision: "APPROVE" | "REVOKE") => {
    const needs = commentRequired(decision, item.recommendation);
    if (needs && comment.trim().length < 5) {
      setHint(`${needs}, then ${decision.toLowerCase()} again.`);
      document.getElementById(`comment-${item.id}`)?.focus();
      return;
    }
    setHint(null);
    decide({ ...base, decision });
  };
  return (
    <article id={`item-${item.id}`} aria-labelledby={`title-${item.id}`} className="flex h-full flex-col rounded-lg border border-slate-200 bg-white">
      <header className="shrink-0 border-b border-slate-100 p-4">
        <button type="button" onClick={onClose} className="mb-2 text-sm text-brand-700 underline lg:hidden">
          ← Back to the queue
        </button>
        <h2 id={`title-${item.id}`} tabIndex={-1} className="text-base font-semibold outline-none">
          {s.consumer.name} <span className="font-normal text-slate-600">→</span> {s.api.name}
        </h2>
        <p className="text-xs text-slate-700">
          {label(s.consumer.kind)}
          {isAgent && s.consumer.autonomy && ` · ${label(s.consumer.autonomy)}`} · {item.campaign.name}, due {formatDate(item.campaign.dueAt)} · stage {stage}
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
          <BandBadge band={item.band} />
          <span className="text-slate-700">
            Risk score {item.riskScore} on a scale of 0–{scale.max} across {counted(scale.population, "current review item")}; high from {scale.high}
            {Number.isFinite(scale.medium) && scale.medium < scale.high ? `, medium from ${scale.medium}` : ""}.
          </span>
          <ValueBadge value={s.api.classification} />
        </div>
      </header>

      {/* The evidence scrolls; the header and the decision controls stay in view. */}
      {/* Focusable, so that the evidence scrolls by keyboard too. */}
      <div tabIndex={0} role="region" aria-label="Evidence" className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4 text-sm">
        <section aria-label="Recommendation" className="rounded-md bg-slate-50 p-3">
          <p>
            Recommendation: <strong>{item.recommendation.toLowerCase()}</strong>
          </p>
          <ul className="mt-1 list-disc pl-5 text-slate-700">
            {item.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>

        <section aria-label="Facts">
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
            {item.facts.map((f) => (
              <div key={f.key} className="flex justify-between gap-2 border-b border-slate-100 py-1">
                <dt className="text-slate-700">{f.label}</dt>
                <dd className={`text-right font-medium ${TONE_CLASS[f.tone]}`}>{f.value}</dd>
              </div>
            ))}
          </dl>
        </section>

        <ScrollArea label="Scopes">
          <table className="w-full text-xs">
            <caption className="mb-1 text-left text-sm font-medium">
              {isAgent ? `Scopes: this agent against its comparable human role (${s.consumer.comparableRole ?? "none set"})` : "Scopes held"}
            </caption>
            <thead>
              <tr className="text-left text-slate-700">
                <th scope="col" className="pr-2">
                  Scope
                </th>
                <th scope="col" className="pr-2">
                  Level
                </th>
                <th scope="col" className="pr-2">
                  Last use
                </th>
                {isAgent && (
                  <>
                    <th scope="col" className="pr-2">
                      Agent
                    </th>
                    <th scope="col" className="pr-2">
                      Human role
                    </th>
                  </>
                )}
                <th scope="col">Permits</th>
              </tr>
            </thead>
            <tbody>
              {s.scopes.map((x) => (
                <tr key={x.id} className="border-t border-slate-100 align-top">
                  <td className="pr-2 font-mono">{x.name}</td>
                  <td className="pr-2">{x.level.toLowerCase()}</td>
                  <td className="pr-2 whitespace-nowrap">{scopeUse(x.lastUsedAt)}</td>
                  {isAgent && (
                    <>
                      <td className="pr-2">holds</td>
                      <td className={`pr-2 ${x.beyondBaseline ? "font-medium text-red-800" : ""}`}>{x.beyondBaseline ? "does not hold" : "holds"}</td>
                    </>
                  )}
                  <td>
                    {x.operations.length
                      ? x.operations.slice(0, 3).join(", ") + (x.operations.length > 3 ? ` +${x.operations.length - 3}` : "")
                      : x.description || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {s.grant.lastUsedAt && s.scopes.every((x) => !x.lastUsedAt) && (
            <p className="mt-1 text-xs text-slate-700">The grant was last used {formatDate(s.grant.lastUsedAt)} by calls that named no scope.</p>
          )}
        </ScrollArea>

        <section aria-label="Credentials" className="text-xs">
          <p className="mb-1 text-sm font-medium">Credentials</p>
          {s.credentials.length === 0 && <p className="text-slate-700">No live credential.</p>}
          <ul className="space-y-1">
            {s.credentials.map((c) => (
              <li key={c.id}>
                {c.label}: {label(c.type)}, tokens {formatDuration(c.accessTokenTtlSeconds)}
                {c.leaked && (
                  <>
                    {" "}
                    <Badge tone="red">Leaked</Badge>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            Granted {formatDate(s.grant.createdAt)}, expires {s.grant.expiresAt ? formatDate(s.grant.expiresAt) : "never"}.
          </p>
          {s.findings.length > 0 && <p className="mt-1">Open findings: {s.findings.map((f) => `${label(f.rule)} (${f.severity.toLowerCase()})`).join(", ")}</p>}
        </section>

        {(item.stage1HandOff || item.stage2HandOff) && (
          <p className="text-xs text-slate-700">Hand-off: {stage === 1 ? item.stage1HandOff : item.stage2HandOff}</p>
        )}
        {stage === 2 && (
          <p className="rounded bg-blue-50 p-2">
            Stage 1: <strong>{item.stage1Decision?.toLowerCase()}</strong> by {item.stage1Reviewer?.name}
            {item.stage1Comment && ` — “${item.stage1Comment}”`}. Sign off or overturn.
          </p>
        )}
      </div>

      <fieldset disabled={!hydrated} className="min-w-0 shrink-0 border-t border-slate-200 bg-white p-4">
        <legend className="sr-only">Decision</legend>
        <label htmlFor={`comment-${item.id}`} className="block text-sm font-medium">
          Comment <span className="font-normal text-slate-700">(a reason is needed to go against the recommendation: {item.recommendation.toLowerCase()})</span>
        </label>
        <textarea
          id={`comment-${item.id}`}
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <div className="mt-2 flex flex-wrap items-center gap-2">
          {stage === 2 && item.stage1Decision && item.stage1Decision !== "REASSIGN" && (
            <Button
              type="button"
              onClick={() =>
                item.stage1Decision !== "REASSIGN" && decide({ ...base, decision: item.stage1Decision ?? "APPROVE", keptScopeIds: item.keptScopeIds })
              }
            >
              Sign off ({item.stage1Decision.toLowerCase()})
            </Button>
          )}
          <Button
            id={`approve-${item.id}`}
            type="button"
            variant={draft === "APPROVE" ? "primary" : "secondary"}
            aria-pressed={draft === "APPROVE"}
            onClick={() => decideOrAsk("APPROVE")}
          >
            Approve
          </Button>
          <Button
            id={`revoke-${item.id}`}
            type="button"
            variant={draft === "REVOKE" ? "danger" : "secondary"}
            aria-pressed={draft === "REVOKE"}
            onClick={() => decideOrAsk("REVOKE")}
          >
            Revoke
          </Button>
          <Button
            type="button"
            variant="secondary"
            aria-expanded={panel === "reduce"}
            aria-pressed={draft === "REDUCE"}
            onClick={() => setPanel(panel === "reduce" ? null : "reduce")}
          >
            Reduce…
          </Button>
          <Button type="button" variant="secondary" aria-expanded={panel === "reassign"} onClick={() => setPanel(panel === "reassign" ? null : "reassign")}>
            Reassign…
          </Button>
          <span className="text-sm text-slate-700" aria-live="polite">
            {draft ? (
              <>
                Your decision: <strong>{draft.toLowerCase()}</strong> — change it until you submit.
              </>
            ) : (
              "Not decided yet."
            )}
          </span>
        </div>
        {panel === "reduce" && (
          <fieldset className="mt-2 space-y-1 rounded-md border border-slate-200 p-2 text-sm">
            <legend className="px-1 text-xs font-medium">Scopes to keep</legend>
            {s.scopes.map((x, index) => (
              <label key={x.id} className="flex items-center gap-2">
                <input
                  id={index === 0 ? `reduce-${item.id}` : undefined}
                  type="checkbox"
                  checked={keep.includes(x.id)}
                  onChange={(e) => setKeep(e.target.checked ? [...keep, x.id] : keep.filter((k) => k !== x.id))}
                />
                <span className="font-mono text-xs">{x.name}</span>
              </label>
            ))}
            <Button
              type="button"
              variant={draft === "REDUCE" ? "primary" : "secondary"}
              onClick={() => decide({ ...base, decision: "REDUCE", keptScopeIds: keep })}
            >
              Keep {keep.length} of {s.scopes.length}
            </Button>
          </fieldset>
        )}
        {panel === "reassign" && (
          <div className="mt-2 flex flex-wrap items-end gap-2 rounded-md border border-slate-200 p-2">
            <label className="text-sm" htmlFor={`reassign-${item.id}`}>
              To
            </label>
            <input
              id={`reassign-${item.id}`}
              list={`reviewers-${item.id}`}
              value={reassignName}
              onChange={(e) => setReassignName(e.target.value)}
              placeholder="Type a name"
              autoComplete="off"
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
            <datalist id={`reviewers-${item.id}`}>
              {reviewers.map((r) => (
                <option key={r.id} value={r.name} />
              ))}
            </datalist>
            <Button type="button" variant="secondary" onClick={() => decide({ ...base, decision: "REASSIGN", reassignTo })}>
              Reassign (the comment is the reason)
            </Button>
          </div>
        )}
        {hint && !error && (
          <p role="status" className="mt-2 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
            {hint}
          </p>
        )}
        {error && (
          <p role="alert" className="mt-2 rounded bg-red-50 px-2 py-1 text-sm text-red-800">
            {error}
          </p>
        )}
      </fieldset>
    </article>
  );
}
