import type { Metadata } from "next";
import Link from "next/link";
import { ChartCard } from "@/components/charts/chart-card";
import { PALETTE } from "@/components/charts/palette";
import { DashboardFrame, Figure } from "@/components/dashboard/dashboard-frame";
import { loadDashboard } from "@/components/dashboard/load";
import { label } from "@/components/ui/badge";
import { PageHeader, Section } from "@/components/ui/page-header";
import { agentDashboard, INDUSTRY_AGENT_SHARE } from "@/lib/dashboard/breakdowns";
import { filterParams } from "@/lib/dashboard/filter";

export const metadata: Metadata = { title: "Agents vs human roles" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgentsDashboard({ searchParams }: Props) {
  const { filter, data, teams } = await loadDashboard(searchParams, (ctx, f) => agentDashboard(ctx, f));
  const scope = filterParams(filter);
  const aboveHref = `/consumers?${new URLSearchParams({ ...Object.fromEntries(scope), kind: "AGENT", finding: "AGENT_ABOVE_BASELINE" })}`;
  return (
    <>
      <PageHeader
        title="Agents vs human roles"
        description="Each AI agent's scopes against the baseline of the human role it acts for: what a person in that job holds."
      />
      <DashboardFrame path="/dashboard/agents" filter={filter} teams={teams} asOf={data.asOf} />
      <Section title="More access than a comparable human">
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <li>
            <Figure
              title={`Agents above baseline (${data.above.toLocaleString("en")} of ${data.total.toLocaleString("en")})`}
              unit="%"
              value={data.share}
              href={aboveHref}
            />
          </li>
          <li>
            <Figure title="Industry: organisations whose AI systems hold more access than comparable humans" unit="%" value={INDUSTRY_AGENT_SHARE} />
          </li>
          <li>
            <Figure
              title="Agents without an active owner"
              value={data.ownerless}
              href={`/consumers?${new URLSearchParams({ ...Object.fromEntries(scope), kind: "AGENT", ownerless: "1" })}`}
            />
          </li>
        </ul>
        <p className="mt-2 text-xs text-slate-600">Industry figure: Teleport, 2026 State of AI in Enterprise Infrastructure Security (70% of organisations).</p>
      </Section>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard
          title="Scopes within and beyond the comparable role, by agent"
          description="The fifteen agents with the most scopes beyond their baseline."
          data={data.top.map((a) => ({ label: a.name, within: a.within, beyond: a.beyond }))}
          category="label"
          series={[
            { key: "within", name: "Within baseline", colour: PALETTE[2] },
            { key: "beyond", name: "Beyond baseline", colour: PALETTE[3] },
          ]}
          stacked
          vertical
          height={420}
          empty="No agent in this selection. Register agents with a comparable human role to compare them."
        />
        <div className="space-y-4">
          <ChartCard
            title="By autonomy level"
            data={data.autonomy.map((a) => ({ label: label(a.label), above: a.above, within: a.within }))}
            category="label"
            series={[
              { key: "above", name: "Above baseline", colour: PALETTE[3] },
              { key: "within", name: "Within baseline", colour: PALETTE[2] },
            ]}
            stacked
          />
          <ChartCard
            title="Access-token lifetimes: agents against people"
            data={data.lifetimes}
            category="label"
            series={[
              { key: "AGENT", name: "Agents", colour: PALETTE[4] },
              { key: "HUMAN", name: "People", colour: PALETTE[0] },
            ]}
          />
        </div>
      </div>
      <p className="mt-4 text-sm">
        <Link href="/findings?rule=AGENT_ABOVE_BASELINE" className="text-brand-700 underline">
          Every agent-above-baseline finding, with the scopes beyond the role
        </Link>
      </p>
    </>
  );
}
