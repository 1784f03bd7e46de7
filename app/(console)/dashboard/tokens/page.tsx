import type { Metadata } from "next";
import Link from "next/link";
import { ChartCard } from "@/components/charts/chart-card";
import { PALETTE, colourAt } from "@/components/charts/palette";
import { DashboardFrame, Figure } from "@/components/dashboard/dashboard-frame";
import { loadDashboard } from "@/components/dashboard/load";
import { label } from "@/components/ui/badge";
import { PageHeader, Section } from "@/components/ui/page-header";
import { KINDS, tokenDashboard } from "@/lib/dashboard/breakdowns";
import { formatDuration } from "@/lib/format";

export const metadata: Metadata = { title: "Token lifetimes" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const kindSeries = KINDS.map((k, i) => ({ key: k, name: label(k), colour: colourAt(i) }));

export default async function TokensDashboard({ searchParams }: Props) {
  const { filter, data, teams } = await loadDashboard(searchParams, (ctx, f) => tokenDashboard(ctx, f));
  return (
    <>
      <PageHeader
        title="Token lifetimes"
        description="How long the tokens and credentials of each kind of consumer live, against policy; and which grants ride on bearer tokens rather than sender-constrained ones."
      />
      <DashboardFrame path="/dashboard/tokens" filter={filter} teams={teams} asOf={data.asOf} />
      <Section title="Over policy">
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {KINDS.map((k) => (
            <li key={k}>
              <Figure
                title={`${label(k)}: credentials over ${formatDuration(data.policy[k])}`}
                value={data.overPolicy[k]}
                href={`/findings?rule=LONG_TOKEN_LIFETIME&kind=${k}`}
              />
            </li>
          ))}
        </ul>
      </Section>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard
          title="Access-token lifetime by consumer kind"
          description={`Credentials per lifetime bucket. Policy: ${KINDS.map((k) => `${label(k)} ${formatDuration(data.policy[k])}`).join(", ")}.`}
          data={data.lifetimes}
          category="label"
          series={kindSeries}
          stacked
        />
        <ChartCard
          title="Credential age since last rotation"
          description="Days since each live credential was created or last rotated."
          data={data.ages}
          category="label"
          series={kindSeries}
          stacked
        />
        <ChartCard
          title="Bearer or sender-constrained, by the highest scope level a grant holds"
          description="Active grants whose consumer presents a bearer credential, against those constrained by DPoP or mTLS only."
          data={data.constraint}
          category="label"
          series={[
            { key: "bearer", name: "Bearer", colour: PALETTE[1] },
            { key: "constrained", name: "Sender-constrained", colour: PALETTE[2] },
          ]}
        />
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="never-heading">
          <h2 id="never-heading" className="font-medium">
            Credentials that never expire
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {KINDS.map((k) => (
              <li key={k} className="flex justify-between">
                <span>{label(k)}</span>
                <span className="tabular-nums">{data.neverExpiring[k].toLocaleString("en")}</span>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-sm">
            <Link href="/findings?rule=LONG_LIVED_CREDENTIAL" className="text-brand-700 underline">
              Long-lived credential findings
            </Link>
          </p>
        </section>
      </div>
    </>
  );
}
