import type { Metadata } from "next";
import Link from "next/link";
import { label } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { getOverviewCounts } from "@/lib/dashboard/queries";
import { requireUser } from "@/lib/server/authz";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const ctx = await requireUser();
  const counts = await guard(() => getOverviewCounts(ctx));
  const cards: { title: string; value: number; href: string }[] = [
    { title: "APIs in the catalogue", value: counts.apis, href: "/apis" },
    ...counts.consumersByKind.map((row) => ({ title: `${label(row.kind)} consumers`, value: row.count, href: `/consumers?kind=${row.kind}` })),
    { title: "Active grants", value: counts.activeGrants, href: "/grants?status=ACTIVE" },
    { title: "Grants expiring in 14 days", value: counts.expiringSoon, href: "/grants?status=ACTIVE&sort=expiresAt" },
  ];
  return (
    <>
      <PageHeader title="Overview" description="The catalogue at a glance. Each figure links to the list behind it." />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {cards.map((card) => (
          <li key={card.title}>
            <Link href={card.href} className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-600">
              <p className="text-sm text-slate-600">{card.title}</p>
              <p className="mt-1 text-3xl font-semibold tabular-nums">{card.value.toLocaleString("en")}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
