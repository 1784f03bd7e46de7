// Open findings grouped by rule, above their rows: what fires most and how severe, before the
// thousands of individual findings. Each rule links to its rows.
import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { RuleGroup } from "@/lib/dashboard/findings-by-rule";
import { SeverityBadge } from "./findings-table";

export function RuleGroups({ groups, hrefFor, current }: { groups: RuleGroup[]; hrefFor: (rule: string) => string; current?: string }) {
  return (
    <Table caption="Open findings by rule">
      <thead>
        <tr>
          <Th>Rule</Th>
          <Th>OWASP NHI</Th>
          <Th>Most severe</Th>
          <Th className="text-right">Open</Th>
          <Th className="text-right">New in 30 days</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {groups.map((g) => (
          <tr key={g.rule} className={g.rule === current ? "bg-brand-50" : undefined}>
            <Td>
              <Link href={hrefFor(g.rule)} aria-current={g.rule === current || undefined} className="text-brand-700 underline">
                {g.title}
              </Link>
            </Td>
            <Td>{g.nhi.replace(":2025", "")}</Td>
            <Td>
              <SeverityBadge severity={g.severity} />
            </Td>
            <Td className="text-right tabular-nums">{g.open.toLocaleString("en")}</Td>
            <Td className="text-right tabular-nums">{g.recent.toLocaleString("en")}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
