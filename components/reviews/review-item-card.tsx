"use client";
// One review item: everything frozen at launch, the recommendation with its reasons, and
// the decision controls. Decisions go through the inbox's optimistic mutation.
import { useState } from "react";
import { Badge, ValueBadge, label } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDate, formatDuration } from "@/lib/format";
import type { InboxItem } from "@/lib/reviews/queries";

export type Decide = (input: {
  itemId: string;
  version: number;
  decision: "APPROVE" | "REVOKE" | "REDUCE" | "REASSIGN";
  comment: string;
  keptScopeIds?: string[];
  reassignTo?: string;
}) => void;

export function ReviewItemCard({
  item,
  focused,
  onFocus,
  decide,
  error,
  reviewers,
}: {
  item: InboxItem;
  focused: boolean;
  onFocus: () => void;
  decide: Decide;
  error?: string;
  reviewers: { id: string; name: string }[];
}) {
  const s = item.snapshot;
  const stage = item.status === "STAGE1" ? 1 : 2;
  const draft = stage === 1 ? item.stage1Decision : item.stage2Decision;
  const [comment, setComment] = useState((stage === 1 ? item.stage1Comment : item.stage2Comment) ?? "");
  const [keep, setKeep] = useState<string[]>(item.keptScopeIds.length ? item.keptScopeIds : s.scopes.map((x) => x.id));
  const [reassignTo, setReassignTo] = useState("");
  const base = { itemId: item.id, version: item.version, comment };
  const commentId = `comment-${item.id}`;
  return (
    <article
      id={`item-${item.id}`}
      tabIndex={-1}
      onFocus={onFocus}
      onClick={onFocus}
      aria-label={`${s.consumer.name} on ${s.api.name}`}
      data-focused={focused || undefined}
      className={`rounded-lg border bg-white p-4 ${focused ? "border-brand-600 ring-2 ring-brand-100" : "border-slate-200"}`}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold">
            {s.consumer.name} <span className="font-normal text-slate-600">→</span> {s.api.name}
          </h2>
          <p className="text-xs text-slate-600">
            {label(s.consumer.kind)}
            {s.consumer.kind === "AGENT" && s.consumer.autonomy && ` · ${label(s.consumer.autonomy)} · acts as ${s.consumer.comparableRole ?? "—"}`} · owner{" "}
            {s.consumer.ownerName ?? "none"}
            {!s.consumer.ownerActive && " (inactive)"} · {item.campaign.name}, due {formatDate(item.campaign.dueAt)} · stage {stage}
          </p>
        </div>
        <div className="flex flex-wrap gap-1">
          {item.isHighRisk ? <Badge tone="red">High risk · {item.riskScore}</Badge> : <Badge tone="slate">Risk {item.riskScore}</Badge>}
          {item.unchanged && <Badge tone="green">Unchanged since last approval</Badge>}
          <ValueBadge value={s.api.classification} />
        </div>
      </header>

      <section aria-label="Recommendation" className="mt-3 rounded-md bg-slate-50 p-3 text-sm">
        <p>
          Recommendation: <strong>{item.recommendation.toLowerCase()}</strong>
        </p>
        <ul className="mt-1 list-disc pl-5 text-slate-700">
          {item.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </section>

      <div className="mt-3 grid gap-3 lg:grid-cols-2">
        <table className="text-xs">
          <caption className="mb-1 text-left text-sm font-medium">Scopes held</caption>
          <thead>
            <tr className="text-left text-slate-600">
              <th scope="col" className="pr-2">
                Scope
              </th>
              <th scope="col" className="pr-2">
                Level
              </th>
              <th scope="col" className="pr-2">
                Last used
              </th>
              <th scope="col">Permits</th>
            </tr>
          </thead>
          <tbody>
            {s.scopes.map((x) => (
              <tr key={x.id} className="align-top">
                <td className="pr-2 font-mono">
                  {x.name}
                  {x.beyondBaseline && (
                    <div>
                      <Badge tone="amber">Beyond human baseline</Badge>
                    </div>
                  )}
                </td>
                <td className="pr-2">{x.level.toLowerCase()}</td>
                <td className="pr-2 whitespace-nowrap">{x.lastUsedAt ? formatDate(x.lastUsedAt) : "never"}</td>
                <td>
                  {x.operations.length
                    ? x.operations.slice(0, 4).join(", ") + (x.operations.length > 4 ? ` +${x.operations.length - 4}` : "")
                    : x.description || "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="text-xs">
          <p className="mb-1 text-sm font-medium">Credentials</p>
          {s.credentials.length === 0 && <p className="text-slate-600">No live credential.</p>}
          <ul className="space-y-1">
            {s.credentials.map((c) => (
              <li key={c.id}>
                {c.label}: {label(c.type)}, tokens {formatDuration(c.accessTokenTtlSeconds)},{" "}
                {c.rotationAgeDays !== null && `rotated ${c.rotationAgeDays} d ago, `}
                {c.senderConstraint === "BEARER" ? "bearer" : `${c.senderConstraint === "DPOP" ? "DPoP" : "mTLS"}-bound`}
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
            Granted {formatDate(s.grant.createdAt)}, last used {s.grant.lastUsedAt ? formatDate(s.grant.lastUsedAt) : "never"}, expires{" "}
            {s.grant.expiresAt ? formatDate(s.grant.expiresAt) : "never"}.
          </p>
          {s.findings.length > 0 && <p className="mt-1 text-amber-800">Open findings: {s.findings.map((f) => f.explanation).join("; ")}</p>}
        </div>
      </div>

      {(item.stage1HandOff || item.stage2HandOff) && (
        <p className="mt-2 text-xs text-slate-700">Hand-off: {stage === 1 ? item.stage1HandOff : item.stage2HandOff}</p>
      )}
      {stage === 2 && (
        <p className="mt-2 rounded bg-blue-50 p-2 text-sm">
          Stage 1: <strong>{item.stage1Decision?.toLowerCase()}</strong> by {item.stage1Reviewer?.name}
          {item.stage1Comment && ` — “${item.stage1Comment}”`}. Sign off or overturn.
        </p>
      )}

      <div className="mt-3 border-t border-slate-100 pt-3">
        <label htmlFor={commentId} className="block text-sm font-medium">
          Comment (required to decide other than the recommendation: {item.recommendation.toLowerCase()})
        </label>
        <textarea
          id={commentId}
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <div className="mt-2 flex flex-wrap items-center gap-2">
          {stage === 2 && item.stage1Decision && item.stage1Decision !== "REASSIGN" && (
            <Button type="button" onClick={() => decide({ ...base, decision: item.stage1Decision as "APPROVE", keptScopeIds: item.keptScopeIds })}>
              Sign off ({item.stage1Decision.toLowerCase()})
            </Button>
          )}
          <Button
            type="button"
            variant={draft === "APPROVE" ? "primary" : "secondary"}
            aria-pressed={draft === "APPROVE"}
            onClick={() => decide({ ...base, decision: "APPROVE" })}
          >
            Approve
          </Button>
          <Button
            type="button"
            variant={draft === "REVOKE" ? "danger" : "secondary"}
            aria-pressed={draft === "REVOKE"}
            onClick={() => decide({ ...base, decision: "REVOKE" })}
          >
            Revoke
          </Button>
          <details className="relative">
            <summary className="cursor-pointer rounded-md border border-slate-300 px-3 py-1.5 text-sm">Reduce…</summary>
            <fieldset className="mt-2 space-y-1 rounded-md border border-slate-200 bg-white p-2 text-sm">
              <legend className="text-xs font-medium">Scopes to keep</legend>
              {s.scopes.map((x) => (
                <label key={x.id} className="flex items-center gap-2">
                  <input
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
          </details>
          <details>
            <summary className="cursor-pointer rounded-md border border-slate-300 px-3 py-1.5 text-sm">Reassign…</summary>
            <div className="mt-2 flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-white p-2">
              <label className="text-sm">
                To
                <select
                  value={reassignTo}
                  onChange={(e) => setReassignTo(e.target.value)}
                  className="ml-2 rounded-md border border-slate-300 px-2 py-1 text-sm"
                >
                  <option value="">Choose a reviewer</option>
                  {reviewers.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
              <Button type="button" variant="secondary" onClick={() => decide({ ...base, decision: "REASSIGN", reassignTo })}>
                Reassign (comment is the reason)
              </Button>
            </div>
          </details>
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
        {error && (
          <p role="alert" className="mt-2 rounded bg-red-50 px-2 py-1 text-sm text-red-800">
            {error}
          </p>
        )}
      </div>
    </article>
  );
}
