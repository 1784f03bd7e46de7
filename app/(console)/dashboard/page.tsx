import type { Metadata } from "next";
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import Link from "next/link";
import { ChartCard } from "@/components/charts/chart-card";
import { PALETTE } from "@/components/charts/palette";
import { DashboardFrame, Figure } from "@/components/dashboard/dashboard-frame";
import { Headline } from "@/components/dashboard/headline";
import { label } from "@/components/ui/badge";
import { SeverityBadge } from "@/components/findings/findings-table";
import { PageHeader, Section } from "@/components/ui/page-header";
import { listChoices } from "@/lib/catalogue/queries";
import { cellsAsOf } from "@/lib/dashboard/cells";
import { dashboardFilter, filterParams } from "@/lib/dashboard/filter";
import { NHI_ITEMS, overviewMetrics, trends, valuesThirtyDaysAgo, type OverviewFigure } from "@/lib/dashboard/metrics";
import { INDUSTRY_AGENT_SHARE } from "@/lib/dashboard/breakdowns";
import { findingsByRule } from "@/lib/dashboard/findings-by-rule";
import { TARGETS, type HeadlineFigure } from "@/lib/dashboard/targets";
import { counted } from "@/lib/format";
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

// The trend lines' window.
const TREND_DAYS = 90;

export default async function DashboardPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const filter = dashboardFilter.parse(firstValues(await searchParams));
  const [m, past, choices, asOf, history, rules] = await guard(async () => {
    requirePermission(ctx, "dashboard.read");
    return Promise.all([
      overviewMetrics(filter),
      valuesThirtyDaysAgo(filter),
      listChoices(ctx),
      cellsAsOf(),
      trends(filter, HEADLINES, TREND_DAYS),
      findingsByRule(filter),
    ]);
  });
  const change = (key: OverviewFigure) => {
    const before = past?.[key];
    return before === undefined ? null : m[key] - before;
  };
  const scope = filterParams(filter);
  const consumers = (extra: Record<string, string>) => `/consumers?${new URLSearchParams({ ...Object.fromEntries(scope), ...extra })}`;
  const findings = (extra: Record<string, string>) => `/findings?${new URLSearchParams({ ...(filter.teamId ? { teamId: filter.teamId } : {}), ...extra })}`;
  const headline = (key: HeadlineFigure) => ({
    value: m[key],
    target: TARGETS[key],
    change: change(key),
    trend: history[key].map((p) => p.value),
  });
  const fixFirst = rules.slice(0, 5);
  return (
    <>
      <PageHeader
        title="Overview"
        description="API access at a glance: each headline figure against its target, with its trend and change over 30 days, and the five things to fix first. Every figure links to the list behind it."
      />
      <DashboardFrame path="/dashboard" filter={filter} teams={choices.teams} asOf={asOf} />
      <Section title="Headline figures">
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          <li>
            <Headline
              title="Agents with more access than a comparable human"
              unit="%"
              {...headline("agents.aboveBaselineShare")}
              detail={`${counted(m["agents.aboveBaseline"], "agent")} of ${m["consumers.AGENT"].toLocaleString("en")}`}
              reference={{ value: INDUSTRY_AGENT_SHARE, label: "Industry (share of organisations)" }}
              href={consumers({ kind: "AGENT", finding: "AGENT_ABOVE_BASELINE" })}
            />
          </li>
          <li>
            <Headline
              title="Access tokens living longer than policy"
              unit="%"
              {...headline("tokens.overPolicyShare")}
              href={findings({ rule: "LONG_TOKEN_LIFETIME" })}
            />
          </li>
          <li>
            <Headline title="Long-lived credentials" unit="%" {...headline("credentials.longLivedShare")} href={findings({ rule: "LONG_LIVED_CREDENTIAL" })} />
          </li>
          <li>
            <Headline title="Broad grants" unit="%" {...headline("grants.broadShare")} href={findings({ rule: "BROAD_GRANT" })} />
          </li>
          <li>
            <Headline title="Review items closed in open campaigns" unit="%" {...headline("reviews.completion")} href="/reviews" />
          </li>
          <li>
            <Headline title="Overdue review items" {...headline("reviews.overdue")} href="/reviews" />
          </li>
        </ul>
        <p className="mt-2 text-xs text-slate-700">
          Industry figure: Teleport, 2026 State of AI in Enterprise Infrastructure Security ({INDUSTRY_AGENT_SHARE}% of organisations). Trend lines cover the
          last {TREND_DAYS} days of daily figures.
        </p>
      </Section>
      <Section title="Fix first">
        {fixFirst.length === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            No open finding. Findings appear here as the risk rules run over the catalogue.
          </p>
        ) : (
          <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {fixFirst.map((g, i) => (
              <li key={g.rule}>
                <Link href={findings({ rule: g.rule })} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3 hover:bg-slate-50">
                  <span className="w-5 text-sm font-semibold text-slate-700">{i + 1}.</span>
                  <span className="min-w-48 flex-1 font-medium text-brand-700 underline">{g.title}</span>
                  <SeverityBadge severity={g.severity} />
                  <span className="text-sm tabular-nums">{counted(g.open, "open finding")}</span>
                  <span className="text-xs text-slate-700">{g.recent > 0 ? `${g.recent.toLocaleString("en")} new in 30 days` : "none new in 30 days"}</span>
                </Link>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title="Catalogue">
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
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

const HEADLINES = Object.keys(TARGETS).filter((k): k is HeadlineFigure => k in TARGETS);
