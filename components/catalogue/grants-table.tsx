import Link from "next/link";
import { ValueBadge } from "@/components/ui/badge";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import type { GrantRow } from "@/lib/catalogue/queries";
import { formatDate } from "@/lib/format";

/** Grants with consumer, API, scopes and dates; shared by the grants list and detail pages. */
export function GrantsTable({ rows, caption, empty, head }: { rows: GrantRow[]; caption: string; empty: string; head?: React.ReactNode }) {
  return (
    <Table caption={caption}>
      <thead>
        {head ?? (
          <tr>
            <Th>Consumer</Th>
            <Th>API</Th>
            <Th>Scopes</Th>
            <Th>Status</Th>
            <Th>Origin</Th>
            <Th>Created</Th>
            <Th>Expires</Th>
            <Th>Last used</Th>
          </tr>
        )}
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.length === 0 && <EmptyRow colSpan={8}>{empty}</EmptyRow>}
        {rows.map((grant) => (
          <tr key={grant.id} className="hover:bg-slate-50">
            <Td>
              <Link href={`/consumers/${grant.consumer.id}`} className="font-medium text-brand-700 hover:underline">
                {grant.consumer.name}
              </Link>
              <div className="text-xs text-slate-600">{grant.consumer.kind.toLowerCase()}</div>
            </Td>
            <Td>
              <Link href={`/apis/${grant.api.id}`} className="text-brand-700 hover:underline">
                {grant.api.name}
              </Link>
            </Td>
            <Td>
              <ul className="flex max-w-sm flex-wrap gap-1">
                {grant.scopes.map(({ scope }) =>
                  scope.removedAt ? (
                    <li
                      key={scope.name}
                      className="rounded bg-amber-50 px-1.5 py-0.5 font-mono text-xs text-amber-900 line-through ring-1 ring-amber-200"
                      title="Removed from the API's document: decisions deny it"
                    >
                      {scope.name}
                      <span className="sr-only"> (removed from the API&apos;s document)</span>
                    </li>
                  ) : (
                    <li key={scope.name} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs" title={scope.level}>
                      {scope.name}
                    </li>
                  ),
                )}
              </ul>
            </Td>
            <Td>
              <Link href={`/grants/${grant.id}`} aria-label={`Grant details: ${grant.consumer.name} on ${grant.api.name}, ${grant.status.toLowerCase()}`}>
                <ValueBadge value={grant.status} />
              </Link>
            </Td>
            <Td className="text-xs">{grant.origin.toLowerCase()}</Td>
            <Td className="whitespace-nowrap">{formatDate(grant.createdAt)}</Td>
            <Td className="whitespace-nowrap">{grant.expiresAt ? formatDate(grant.expiresAt) : "no expiry"}</Td>
            <Td className="whitespace-nowrap">{grant.lastUsedAt ? formatDate(grant.lastUsedAt) : "never"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
