import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { NewGrantForm } from "@/components/catalogue/grant-forms";
import { label } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/page-header";
import { findActiveConsumer, listGrantableApis, searchConsumers } from "@/lib/catalogue/queries";
import { firstValues } from "@/lib/lists/params";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { can } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "New grant" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Three steps in the URL: the API (one the caller may grant), the consumer, then the scopes.
export default async function NewGrantPage({ searchParams }: Props) {
  const ctx = await requireUser();
  if (!can(ctx.roles, "grant.create")) forbidden();
  const { apiId, consumerId, q } = firstValues(await searchParams);
  const apis = await guard(() => listGrantableApis(ctx));
  const api = apis.find((a) => a.id === apiId);
  const consumers = api && !consumerId ? await guard(() => searchConsumers(ctx, q)) : [];
  const consumer = api && consumerId ? await guard(() => findActiveConsumer(ctx, consumerId)) : null;
  return (
    <>
      <PageHeader title="New grant" description="Grant a consumer scopes on an API you own. For other APIs, the consumer's owner files an access request." />
      <Section title="1. API">
        {apis.length === 0 ? (
          <p className="text-sm text-slate-700">You own no API that can be granted.</p>
        ) : (
          <form method="get" className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="grant-api" className="block text-sm font-medium">
                API
              </label>
              <select id="grant-api" name="apiId" defaultValue={api?.id ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
                <option value="">Choose an API</option>
                {apis.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({label(a.environment)})
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
      {api && (
        <Section title="2. Consumer">
          {consumer ? (
            <p className="text-sm">
              <strong>{consumer.name}</strong> ({label(consumer.kind)}, {label(consumer.environment)}){" "}
              <Link href={`/grants/new?apiId=${api.id}`} className="text-brand-700 underline">
                Choose another
              </Link>
            </p>
          ) : (
            <>
              <form method="get" role="search" className="mb-3 flex flex-wrap items-end gap-3">
                <input type="hidden" name="apiId" value={api.id} />
                <div>
                  <label htmlFor="consumer-search" className="block text-sm font-medium">
                    Find an active consumer
                  </label>
                  <input
                    id="consumer-search"
                    name="q"
                    type="search"
                    defaultValue={q ?? ""}
                    className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                  />
                </div>
                <button type="submit" className={buttonClass("secondary")}>
                  Search
                </button>
              </form>
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                {consumers.length === 0 && <li className="p-3 text-sm text-slate-600">No active consumer matches.</li>}
                {consumers.map((c) => (
                  <li key={c.id}>
                    <Link href={`/grants/new?apiId=${api.id}&consumerId=${c.id}`} className="block px-3 py-2 text-sm hover:bg-slate-50">
                      <span className="font-medium text-brand-700">{c.name}</span>{" "}
                      <span className="text-slate-600">
                        {label(c.kind)} · {label(c.environment)}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>
      )}
      {api && consumer && (
        <Section title="3. Scopes and justification">
          {api.scopes.length === 0 ? (
            <p className="text-sm text-slate-700">
              This API declares no scopes yet.{" "}
              <Link href={`/apis/${api.id}`} className="text-brand-700 underline">
                Add scopes first.
              </Link>
            </p>
          ) : (
            <NewGrantForm apiId={api.id} consumerId={consumer.id} scopes={api.scopes} />
          )}
        </Section>
      )}
    </>
  );
}
