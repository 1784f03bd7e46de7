import type { Metadata } from "next";
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import Link from "next/link";
import { ChartCard } from "@/components/charts/chart-card";
import { PALETTE } from "@/components/charts/palette";
import { DashboardFrame, Figure } from "@/components/dashboard/dashboard-frame";
import { label } from "@/components/ui/badge";
import { PageHeader, Section } from "@/components/ui/page-header";
import { listChoices } from "@/lib/catalogue/queries";
import { cellsAsOf } from "@/lib/dashboard/cells";
import { dashboardFilter, filterParams } from "@/lib/dashboard/filter";
import { NHI_ITEMS, overviewMetrics, valuesThirtyDaysAgo, type OverviewFigure } from "@/lib/dashboard/metrics";
import { firstValues } from "@/lib/lists/params";
import { requirePermission } from "@/lib/server/authz";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Dashboard" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const NHI_NAMES: Record<(typeof NHI_ITEMS)[number], string> = {
  "NHI1:2025": "Improper offboarding",
  "NHI2:2025": "Secret leakage",
  "NHI3:2025": "Vulnerable third-party NHI",
  "NHI4:2025": "Insecure authentication",
  "NHI5:2025": "Overprivileged NHI",
  "NHI6:2025": "Insecure cloud deployment",
  "NHI7:2025": "Long-lived secrets",
  "NHI8:2025": "Environment isolation",
  "NHI9:2025": "NHI reuse",
  "NHI10:2025": "Human use of NHI",
};

export default async function DashboardPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const filter = dashboardFilter.parse(firstValues(await searchParams));
  const filtered = Boolean(filter.teamId || filter.environment);
  const [m, past, choices, asOf] = await guard(async () => {
    requirePermission(ctx, "dashboard.read");
    return Promise.all([overviewMetrics(filter), filtered ? null : valuesThirtyDaysAgo(), listChoices(ctx), cellsAsOf()]);
  });
  const change = (key: OverviewFigure) => {
    const before = past?.[key];
    return before === undefined ? null : m[key] - before;
  };
  const scope = filterParams(filter);
  const consumers = (extra: Record<string, string>) => `/consumers?${new URLSearchParams({ ...Object.fromEntries(scope), ...extra })}`;
  const findings = (extra: Record<string, string>) => `/findings?${new URLSearchParams({ ...(filter.teamId ? { teamId: filter.teamId } : {}), ...extra })}`;
  return (
    <>
      <PageHeader
        title="Overview"
        description={`API access across the organisation: the catalogue, its riskiest patterns and the state of access reviews. Each figure links to the list behind it${filtered ? "; changes over 30 days are kept for the whole organisation only" : " and shows its change over 30 days"}.`}
      />
      <DashboardFrame path="/dashboard" filter={filter} teams={choices.teams} asOf={asOf} />
      <Section title="Catalogue">
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
          <li>
            <Figure title="APIs" value={m.apis} change={change("apis")} href="/apis" />
          </li>
          {CONSUMER_KINDS.map((kind) => (
            <li key={kind}>
              <Figure title={`${label(kind)} consumers`} value={m[`consumers.${kind}`]} change={change(`consumers.${kind}`)} href={consumers({ kind })} />
            </li>
          ))}
          <li>
            <Figure
              title="Active grants"
              value={m["grants.active"]}
              change={change("grants.active")}
              href={`/grants?status=ACTIVE${filter.environment ? `&environment=${filter.environment}` : ""}`}
            />
          </li>
        </ul>
      </Section>
      <Section title="Risk">
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <li>
            <Figure
              title="Long-lived credentials"
              unit="%"
              value={m["credentials.longLivedShare"]}
              change={change("credentials.longLivedShare")}
              lowerIsBetter
              href={findings({ rule: "LONG_LIVED_CREDENTIAL" })}
            />
          </li>
          <li>
            <Figure
              title="Tokens over policy lifetime"
              unit="%"
              value={m["tokens.overPolicyShare"]}
              change={change("tokens.overPolicyShare")}
              lowerIsBetter
              href={findings({ rule: "LONG_TOKEN_LIFETIME" })}
            />
          </li>
          <li>
            <Figure
              title="Broad grants"
              unit="%"
              value={m["grants.broadShare"]}
              change={change("grants.broadShare")}
              lowerIsBetter
              href={findings({ rule: "BROAD_GRANT" })}
            />
          </li>
          <li>
            <Figure
              title={`Agents above baseline (${m["agents.aboveBaseline"].toLocaleString("en")} of ${m["consumers.AGENT"].toLocaleString("en")})`}
              unit="%"
              value={m["agents.aboveBaselineShare"]}
              change={change("agents.aboveBaselineShare")}
              lowerIsBetter
              href={consumers({ kind: "AGENT", finding: "AGENT_ABOVE_BASELINE" })}
            />
          </li>
        </ul>
      </Section>
      <Section title="Access reviews">
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <li>
            <Figure title="Open campaigns: items closed" unit="%" value={m["reviews.completion"]} change={change("reviews.completion")} href="/reviews" />
          </li>
          <li>
            <Figure title="Overdue review items" value={m["reviews.overdue"]} change={change("reviews.overdue")} lowerIsBetter href="/reviews" />
          </li>
        </ul>
      </Section>
      <Section title="Open findings by OWASP NHI item">
        <ChartCard
          title="Open findings by OWASP Non-Human Identities Top 10 (2025) item"
          data={NHI_ITEMS.map((nhi) => ({ label: nhi.replace(":2025", ""), findings: m[`findings.${nhi}`], before: past?.[`findings.${nhi}`] ?? 0 }))}
          category="label"
          series={[{ key: "findings", name: "Open now", colour: PALETTE[0] }, ...(past ? [{ key: "before", name: "30 days ago", colour: PALETTE[5] }] : [])]}
          empty="No open finding. Findings appear here as the risk rules run over the catalogue."
        />
        <ul className="mt-3 grid gap-1 text-sm sm:grid-cols-2 lg:grid-cols-5">
          {NHI_ITEMS.map((nhi) => (
            <li key={nhi}>
              <Link href={findings({ nhi })} className="text-brand-700 underline">
                {nhi.replace(":2025", "")}: {NHI_NAMES[nhi]}
              </Link>{" "}
              ({m[`findings.${nhi}`].toLocaleString("en")})
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
