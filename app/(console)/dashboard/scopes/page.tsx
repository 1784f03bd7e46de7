import type { Metadata } from "next";
import Link from "next/link";
import { ChartCard } from "@/components/charts/chart-card";
import { ScrollArea } from "@/components/ui/scroll-area";
import { PALETTE } from "@/components/charts/palette";
import { DashboardFrame, Figure } from "@/components/dashboard/dashboard-frame";
import { loadDashboard } from "@/components/dashboard/load";
import { label } from "@/components/ui/badge";
import { PageHeader, Section } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { scopeDashboard } from "@/lib/dashboard/breakdowns";

export const metadata: Metadata = { title: "Scope breadth" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EXPOSURES = ["PUBLIC", "PARTNER", "INTERNAL"] as const;
const CLASSES = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"] as const;

export default async function ScopesDashboard({ searchParams }: Props) {
  const { filter, data, teams } = await loadDashboard(searchParams, (ctx, f) => scopeDashboard(ctx, f));
  const cell = (e: string, c: string) => data.heat.find((h) => h.exposure === e && h.classification === c);
  const maxRisk = Math.max(1, ...data.heat.map((h) => (h.grants ? h.findings / h.grants : 0)));
  return (
    <>
      <PageHeader
        title="Scope breadth"
        description="How much of each API its consumers hold, how much of it is write or admin, and what is granted but never used."
      />
      <DashboardFrame path="/dashboard/scopes" filter={filter} teams={teams} asOf={data.asOf} />
      <Section title="Granted scopes">
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <li>
            <Figure title="Scopes granted on active grants" value={data.grantedScopes} />
          </li>
          <li>
            <Figure title="of which ADMIN" unit="%" value={data.adminShare} href="/findings?rule=BROAD_GRANT" />
          </li>
          <li>
            <Figure title="of which WRITE" unit="%" value={data.writeShare} />
          </li>
          <li>
            <Figure title={`Granted but unused in ${data.unusedAfterDays} days`} value={data.unusedScopes} href="/findings?rule=UNUSED_SCOPES" />
          </li>
        </ul>
      </Section>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard
          title="Scope breadth per grant"
          description="Scopes granted ÷ scopes the API declares, for each active grant."
          data={data.breadth}
          category="label"
          series={[{ key: "grants", name: "Grants", colour: PALETTE[0] }]}
        />
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="heat-heading">
          <h2 id="heat-heading" className="font-medium">
            API exposure × data classification
          </h2>
          <p className="text-sm text-slate-600">Active grants in each cell; the shade and the second figure are open findings per grant.</p>
          <ScrollArea label="API exposure × data classification" className="mt-2">
            <table className="w-full text-sm">
              <thead>
                <tr>
                  <th scope="col" className="text-left">
                    Exposure
                  </th>
                  {CLASSES.map((c) => (
                    <th key={c} scope="col" className="px-1 text-right">
                      {label(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {EXPOSURES.map((e) => (
                  <tr key={e}>
                    <th scope="row" className="py-1 text-left font-normal">
                      {label(e)}
                    </th>
                    {CLASSES.map((c) => {
                      const h = cell(e, c);
                      const risk = h && h.grants ? h.findings / h.grants : 0;
                      return (
                        <td
                          key={c}
                          className="px-1 py-1 text-right tabular-nums"
                          style={{ backgroundColor: `rgba(185, 28, 28, ${(0.08 + 0.5 * (risk / maxRisk)).toFixed(2)})` }}
                        >
                          {(h?.grants ?? 0).toLocaleString("en")}
                          <span className="block text-xs text-slate-800">{risk.toFixed(1)} / grant</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </section>
      </div>
      <Section title="Broadest grants">
        <Table caption="The ten broadest active grants">
          <thead>
            <tr>
              <Th>Consumer</Th>
              <Th>API</Th>
              <Th>Scopes held</Th>
              <Th>Share of the API</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.broadest.map((g) => (
              <tr key={g.id}>
                <Td>
                  <Link href={`/grants/${g.id}`} className="text-brand-700 underline">
                    {g.consumer}
                  </Link>
                </Td>
                <Td>{g.api}</Td>
                <Td className="tabular-nums">
                  {g.held} of {g.declared}
                </Td>
                <Td className="tabular-nums">{Math.round((100 * g.held) / g.declared)}%</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
    </>
  );
}
