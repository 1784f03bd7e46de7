import type { Metadata } from "next";
import Link from "next/link";
import { RequestForm } from "@/components/requests/request-form";
import { label, ValueBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/page-header";
import { formatDate } from "@/lib/format";
import { firstValues } from "@/lib/lists/params";
import { listOwnConsumers, requestFormData } from "@/lib/requests/queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Request access" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const selectClass = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

// Three steps in the URL: the consumer (one the caller owns), the API, then scopes and terms.
export default async function NewRequestPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const { consumerId, apiId, q } = firstValues(await searchParams);
  const consumers = await guard(() => listOwnConsumers(ctx));
  const { consumer, apis, api, held, permanentAllowed } = await guard(() => requestFormData(ctx, consumerId, q, apiId));
  const baseline = new Set(consumer?.comparableRole?.scopes.map((s) => s.scopeId) ?? []);
  const heldEnd = new Map((held?.scopes ?? []).map((s) => [s.scopeId, s.expiresAt ?? held?.expiresAt ?? null]));
  return (
    <>
      <PageHeader
        title="Request access"
        description="Ask for scopes on an API for a consumer you own. The consumer's manager, then the API owner approve; policy guardrails may add an administrator."
      />
      <Section title="1. Consumer">
        {consumers.length === 0 ? (
          <p className="text-sm text-slate-700">You own no active consumer. Access is requested by the owner of the consumer that needs it.</p>
        ) : (
          <form method="get" className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="request-consumer" className="block text-sm font-medium">
                Consumer
              </label>
              <select id="request-consumer" name="consumerId" defaultValue={consumer?.id ?? ""} className={selectClass}>
                <option value="">Choose one of your consumers</option>
                {consumers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({label(c.kind)}, {label(c.environment)})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              Continue
            </button>
          </form>
        )}
      </Section>
      {consumer && (
        <Section title="2. API">
          {api ? (
            <p className="text-sm">
              <strong>{api.name}</strong> <ValueBadge value={api.classification} />{" "}
              <Link href={`/requests/new?consumerId=${consumer.id}`} className="text-brand-700 underline">
                Choose another
              </Link>
            </p>
          ) : (
            <>
              <form method="get" role="search" className="mb-3 flex flex-wrap items-end gap-3">
                <input type="hidden" name="consumerId" value={consumer.id} />
                <div>
                  <label htmlFor="api-search" className="block text-sm font-medium">
                    Find an API
                  </label>
                  <input id="api-search" name="q" type="search" defaultValue={q ?? ""} className={selectClass} />
                </div>
                <button type="submit" className={buttonClass("secondary")}>
                  Search
                </button>
              </form>
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                {apis.length === 0 && <li className="p-3 text-sm text-slate-600">No API matches. Retired APIs cannot be requested.</li>}
                {apis.map((a) => (
                  <li key={a.id}>
                    <Link href={`/requests/new?consumerId=${consumer.id}&apiId=${a.id}`} className="block px-3 py-2 text-sm hover:bg-slate-50">
                      <span className="font-medium text-brand-700">{a.name}</span>{" "}
                      <span className="text-slate-600">
                        {label(a.environment)} · {label(a.classification)}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>
      )}
      {consumer && api && (
        <Section title="3. Scopes, duration and justification">
          {held && (
            <p className="mb-3 text-sm text-slate-700">
              {consumer.name} already holds a grant on {api.name}
              {held.expiresAt ? ` until ${formatDate(held.expiresAt)}` : ""}. Approval widens it; asking again for a held scope extends it.
            </p>
          )}
          {api.scopes.length === 0 ? (
            <p className="text-sm text-slate-700">This API declares no scopes yet, so there is nothing to request.</p>
          ) : (
            <RequestForm
              consumerId={consumer.id}
              apiId={api.id}
              kind={consumer.kind}
              roleName={consumer.comparableRole?.name ?? null}
              permanentAllowed={permanentAllowed}
              scopes={api.scopes.map((s) => ({
                ...s,
                beyondBaseline: consumer.kind === "AGENT" && !baseline.has(s.id),
                held: heldEnd.has(s.id) ? (heldEnd.get(s.id) ? `until ${formatDate(heldEnd.get(s.id))}` : "with no end") : null,
              }))}
            />
          )}
        </Section>
      )}
    </>
  );
}
