// Open findings grouped by rule under the dashboard filter, read from the dashboard cells: the
// count, the severities and how many appeared in the last 30 days. Counting millions of
// findings per page view would not do; the cells hold these counts per team and environment.
import { RULES } from "@/lib/findings/rules";
import type { Severity } from "@/lib/generated/prisma/enums";
import { readTotals } from "./cells";
import type { DashboardFilter } from "./filter";

const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
const isSeverity = (value: string): value is Severity => value in SEVERITY_RANK;

export type RuleGroup = {
  rule: (typeof RULES)[number]["rule"];
  title: string;
  nhi: string;
  open: number;
  recent: number;
  /** The most severe of its open findings. */
  severity: Severity;
  bySeverity: Partial<Record<Severity, number>>;
};

export async function findingsByRule(filter: DashboardFilter): Promise<RuleGroup[]> {
  const totals = await readTotals(filter, ["findings"]);
  const groups = new Map<string, RuleGroup>();
  for (const row of totals.rows("findings")) {
    const rule = RULES.find((r) => r.rule === row.rule);
    if (!rule || !isSeverity(row.severity) || row.findings === 0) continue;
    const group = groups.get(rule.rule) ?? { rule: rule.rule, title: rule.title, nhi: rule.nhi, open: 0, recent: 0, severity: row.severity, bySeverity: {} };
    group.open += row.findings;
    group.recent += row.recent;
    group.bySeverity[row.severity] = (group.bySeverity[row.severity] ?? 0) + row.findings;
    if (SEVERITY_RANK[row.severity] < SEVERITY_RANK[group.severity]) group.severity = row.severity;
    groups.set(rule.rule, group);
  }
  // Most severe first, then the most findings.
  return [...groups.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.open - a.open);
}
