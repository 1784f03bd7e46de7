import type { Metadata } from "next";
import { PrintButton } from "@/components/reviews/print-button";
import { formatDate, formatDateTime, counted } from "@/lib/format";
import { getEvidence } from "@/lib/reviews/evidence";
import { DECISION_WORDS, DUE_RULE_WORDS, dueRuleApplied } from "@/lib/reviews/words";
import { label } from "@/components/ui/badge";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Access review evidence" };

// A document, not a screen: plain, complete, and printable (the print stylesheet drops the navigation).
export default async function EvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireUser();
  const { campaign: c, scope, items, totals } = await guard(() => getEvidence(ctx, id));
  const cell = "border border-slate-300 px-2 py-1 align-top";
  return (
    <article className="max-w-none bg-white p-6 text-sm print:p-0">
      <header className="mb-4 flex items-start justify-between gap-4">
        <div>
          <p className="text-xs tracking-wide text-slate-600 uppercase">Access review evidence · Scopeward</p>
          <h1 className="text-2xl font-semibold">{c.name}</h1>
          <p className="text-slate-700">
            Generated {formatDateTime(new Date())} for {ctx.name} ({ctx.email}).
          </p>
        </div>
        <PrintButton />
      </header>

      <h2 className="mt-4 text-lg font-semibold">1. Scope</h2>
      <dl className="mt-1 grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-600">Grants reviewed</dt>
        <dd>{scope}.</dd>
        <dt className="text-slate-600">Created by</dt>
        <dd>
          {c.createdBy.name} ({c.createdBy.email})
        </dd>
        <dt className="text-slate-600">Launched / due / completed</dt>
        <dd>
          {formatDateTime(c.launchedAt)} / {formatDate(c.dueAt)} / {c.completedAt ? formatDateTime(c.completedAt) : "not completed"}
        </dd>
        <dt className="text-slate-600">Stages</dt>
        <dd>
          Stage 1: API owner.{" "}
          {c.stage2Enabled
            ? `Stage 2: the consumer owner's manager (${c.stage2Mode === "ALL_DECISIONS" ? "every decision" : "approvals only"}).`
            : "No second stage."}{" "}
          Separation of duties: nobody decided on a consumer they own.
        </dd>
        <dt className="text-slate-600">Undecided at due date</dt>
        <dd>{DUE_RULE_WORDS[c.undecidedOutcome]}</dd>
        <dt className="text-slate-600">Status</dt>
        <dd>{c.status}</dd>
      </dl>

      <h2 className="mt-6 text-lg font-semibold">2. Totals</h2>
      <p className="mt-1">
        {counted(totals.items, "item")}; {totals.highRisk} high-risk; {totals.handedOff} handed off for separation of duties; {totals.dueRule} decided by the
        due-date rule; {totals.remediated} remediated.
      </p>
      <p>
        Stage 1: {totals.stage1.map(([k, n]) => `${k.toLowerCase()} ${n}`).join(", ")}
        {c.stage2Enabled && <>. Stage 2: {totals.stage2.map(([k, n]) => `${k.toLowerCase()} ${n}`).join(", ")}</>}.
      </p>

      <h2 className="mt-6 text-lg font-semibold">3. Items: snapshot at launch, decisions, remediation</h2>
      <table className="mt-2 w-full border-collapse text-xs">
        <thead>
          <tr className="bg-slate-100 text-left">
            <th scope="col" className={cell}>
              #
            </th>
            <th scope="col" className={cell}>
              Access at launch
            </th>
            <th scope="col" className={cell}>
              Risk and recommendation
            </th>
            <th scope="col" className={cell}>
              Stage 1
            </th>
            {c.stage2Enabled && (
              <th scope="col" className={cell}>
                Stage 2
              </th>
            )}
            <th scope="col" className={cell}>
              Remediation
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, n) => (
            <tr key={item.id} className="break-inside-avoid">
              <td className={cell}>{n + 1}</td>
              <td className={cell}>
                <strong>{item.snapshot.consumer.name}</strong> ({item.snapshot.consumer.kind.toLowerCase()}, owner {item.snapshot.consumer.ownerName ?? "none"})
                on <strong>{item.snapshot.api.name}</strong>
                <div className="font-mono">{item.snapshot.scopes.map((s) => `${s.name}${s.beyondBaseline ? "*" : ""}`).join(" ")}</div>
                <div>
                  {item.snapshot.credentials
                    .map(
                      (k) =>
                        `${label(k.type).toLowerCase()}, ${k.senderConstraint === "BEARER" ? "bearer" : `${k.senderConstraint === "DPOP" ? "DPoP" : "mTLS"}-bound`}`,
                    )
                    .join("; ")}
                  ; last used {item.snapshot.grant.lastUsedAt ? formatDate(item.snapshot.grant.lastUsedAt) : "never"}
                </div>
              </td>
              <td className={cell}>
                {item.riskScore}
                {item.isHighRisk && " (high)"} — {item.recommendation.toLowerCase()}
                <div className="text-slate-700">{item.reasons.join(" ")}</div>
              </td>
              <td className={cell}>
                {item.stage1Decision ? DECISION_WORDS[item.stage1Decision] : item.outcome ? dueRuleApplied(item.outcome) : "—"}{" "}
                {item.stage1Reviewer && `by ${item.stage1Reviewer.name}`} {item.stage1DecidedAt && formatDateTime(item.stage1DecidedAt)}
                {item.stage1Comment && <div>“{item.stage1Comment}”</div>}
                {item.stage1HandOff && <div className="text-slate-600">{item.stage1HandOff}</div>}
              </td>
              {c.stage2Enabled && (
                <td className={cell}>
                  {item.stage2Decision ? DECISION_WORDS[item.stage2Decision] : "—"} {item.stage2Reviewer && `by ${item.stage2Reviewer.name}`}{" "}
                  {item.stage2DecidedAt && formatDateTime(item.stage2DecidedAt)}
                  {item.stage2Comment && <div>“{item.stage2Comment}”</div>}
                  {item.stage2HandOff && <div className="text-slate-600">{item.stage2HandOff}</div>}
                </td>
              )}
              <td className={cell}>{item.remediatedAt ? `${item.remediation} at ${formatDateTime(item.remediatedAt)}` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">* scope beyond the comparable human role&apos;s baseline (agents).</p>
    </article>
  );
}
