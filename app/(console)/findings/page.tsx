import type { Metadata } from "next";
import { FindingsTable } from "@/components/findings/findings-table";
import { RuleGroups } from "@/components/findings/rule-groups";
import { findingsByRule } from "@/lib/dashboard/findings-by-rule";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listApiChoices, listChoices } from "@/lib/catalogue/queries";
import { findingListParams, listFindings } from "@/lib/findings/queries";
import { RULES } from "@/lib/findings/rules";
import { NHI_ITEMS } from "@/lib/dashboard/metrics";
import { ConsumerKind, FindingStatus, Severity } from "@/lib/generated/prisma/enums";
import { firstValues } from "@/lib/lists/params";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Findings" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FindingsPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const params = findingListParams.parse(current);
  // The counts by rule come from the dashboard cells, which know team but not kind, API or text:
  // under those filters only the rows are shown.
  const groupable = params.status === "OPEN" && !params.kind && !params.apiId && !params.consumerId && !params.q;
  const [page, choices, apis, groups] = await guard(() =>
    Promise.all([listFindings(ctx, params), listChoices(ctx), listApiChoices(ctx), groupable ? findingsByRule({ teamId: params.teamId }) : null]),
  );
  const shown = groups?.filter((g) => (!params.nhi || g.nhi === params.nhi) && (!params.severity || (g.bySeverity[params.severity] ?? 0) > 0));
  const withRule = (rule: string) => {
    const query = new URLSearchParams(current);
    query.set("rule", rule);
    query.delete("page");
    return `/findings?${query}`;
  };
  return (
    <>
      <PageHeader
        title="Findings"
        description="Risk signals computed from the catalogue, each with the rule that fired, its OWASP Non-Human Identities Top 10 (2025) item and the numbers behind it. They close by themselves when the cause is gone."
      />
      <ListToolbar
        path="/findings"
        current={current}
        exportPath="/findings/export.csv"
        searchLabel="Search explanation, consumer or API"
        filters={[
          { name: "status", label: "Status", options: Object.values(FindingStatus) },
          { name: "severity", label: "Severity", options: Object.values(Severity) },
          { name: "rule", label: "Rule", options: RULES.map((r) => ({ value: r.rule, label: r.title })) },
          { name: "nhi", label: "OWASP NHI", options: NHI_ITEMS },
          { name: "kind", label: "Consumer kind", options: Object.values(ConsumerKind) },
          { name: "teamId", label: "Team", options: choices.teams.map((t) => ({ value: t.id, label: t.name })) },
          { name: "apiId", label: "API", options: apis.map((a) => ({ value: a.id, label: a.name })) },
        ]}
      />
      {shown && shown.length > 0 && (
        <section aria-label="By rule" className="mb-6">
          <RuleGroups groups={shown} hrefFor={withRule} current={params.rule} />
        </section>
      )}
      <FindingsTable
        rows={page.rows}
        caption="Findings"
        empty={params.status === "OPEN" ? "No open finding matches these filters." : "No closed finding matches these filters."}
      />
      <Pagination path="/findings" current={current} page={page.page} pageSize={page.pageSize} total={page.total} noun="findings" />
    </>
  );
}
