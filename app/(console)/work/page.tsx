import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/server/session";
import { hasWork, myWork } from "@/lib/work/queries";

export const metadata: Metadata = { title: "Your work" };

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** The landing page of everyone who reviews, approves or owns consumers: what waits for them, first. */
export default async function WorkPage() {
  const ctx = await requireUser();
  // Executives and auditors have no queue of their own: their first page is the overview.
  if (!hasWork(ctx)) redirect("/dashboard");
  const work = await myWork(ctx);
  const cards = [
    {
      title: "Review items waiting for your decision",
      count: work.reviewItems,
      text: plural(work.reviewItems, "item", "items"),
      href: "/reviews/inbox",
      action: "Open your review queue",
    },
    {
      title: "Access requests waiting for your approval",
      count: work.requestSteps,
      text: plural(work.requestSteps, "request", "requests"),
      href: "/requests?view=approve",
      action: "Decide requests",
    },
    {
      title: `Access of your consumers ending within ${work.endingWithinDays} days`,
      count: work.endingSoon,
      text: plural(work.endingSoon, "grant", "grants"),
      href: `/grants?status=ACTIVE&ownerId=${ctx.userId}&ending=${work.endingWithinDays}&sort=expiresAt&dir=asc`,
      action: "See what ends, and request an extension",
    },
  ];
  const waiting = cards.some((card) => card.count > 0);
  return (
    <>
      <PageHeader
        title="Your work"
        description={waiting ? "What waits for you, most pressing first. Everything else is in the navigation." : "Nothing waits for you right now."}
      />
      <ul className="grid grid-cols-1 gap-4 md:grid-cols-3" aria-label="Your work">
        {cards.map((card) => (
          <li key={card.href} className={`rounded-lg border bg-white p-4 ${card.count > 0 ? "border-brand-700" : "border-slate-200"}`}>
            <h2 className="text-sm font-medium text-slate-700">{card.title}</h2>
            <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid="work-count">
              {card.text}
            </p>
            {card.count > 0 ? (
              <Link href={card.href} className="mt-2 inline-block text-sm text-brand-700 underline">
                {card.action}
              </Link>
            ) : (
              <p className="mt-2 text-sm text-slate-600">None waiting.</p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
