import Link from "next/link";
import { Badge, label } from "@/components/ui/badge";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { RULE_BY_NAME } from "@/lib/findings/rules";
import type { FindingRow } from "@/lib/findings/queries";
import { formatDate } from "@/lib/format";

const SEVERITY_TONE = { CRITICAL: "red", HIGH: "red", MEDIUM: "amber", LOW: "slate" } as const;

export function SeverityBadge({ severity }: { severity: FindingRow["severity"] }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{label(severity)}</Badge>;
}

/** What a finding is about, linked to its page. */
function Subject({ row }: { row: FindingRow }) {
  const api = row.grant?.api ?? row.api;
  return (
    <span className="space-x-1">
      {row.consumer && (
        <Link href={`/consumers/${row.consumer.id}`} className="font-medium text-brand-700 hover:underline">
          {row.consumer.name}
        </Link>
      )}
      {row.grant && (
        <Link href={`/grants/${row.grant.id}`} className="text-brand-700 hover:underline">
          grant
        </Link>
      )}
      {api && (
        <>
          <span className="text-slate-500">on</span>{" "}
          <Link href={`/apis/${api.id}`} className="text-brand-700 hover:underline">
            {api.name}
          </Link>
        </>
      )}
      {row.credential && <span className="text-xs text-slate-600">({row.credential.label})</span>}
    </span>
  );
}

export function FindingsTable({ rows, caption, empty, showSubject = true }: { rows: FindingRow[]; caption: string; empty: string; showSubject?: boolean }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Severity</Th>
          <Th>Rule</Th>
          <Th>OWASP NHI</Th>
          {showSubject && <Th>About</Th>}
          <Th>Why</Th>
          <Th>First seen</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.length === 0 && <EmptyRow colSpan={showSubject ? 6 : 5}>{empty}</EmptyRow>}
        {rows.map((row) => (
          <tr key={row.id}>
            <Td>
              <SeverityBadge severity={row.severity} />
            </Td>
            <Td>{RULE_BY_NAME.get(row.rule)?.title ?? label(row.rule)}</Td>
            <Td className="whitespace-nowrap">{row.nhi}</Td>
            {showSubject && (
              <Td>
                <Subject row={row} />
              </Td>
            )}
            <Td>{row.explanation}</Td>
            <Td className="whitespace-nowrap">
              {formatDate(row.firstSeenAt)}
              {row.closedAt && ` (closed ${formatDate(row.closedAt)})`}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
