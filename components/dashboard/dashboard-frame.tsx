import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Environment } from "@/lib/generated/prisma/enums";
import { label } from "@/components/ui/badge";
import { filterParams, type DashboardFilter } from "@/lib/dashboard/filter";
import { FINDINGS_REFRESH_MINUTES } from "@/lib/findings/jobs";
import { formatDateTime } from "@/lib/format";

const TABS = [
  ["/dashboard", "Overview"],
  ["/dashboard/tokens", "Token lifetimes"],
  ["/dashboard/scopes", "Scope breadth"],
  ["/dashboard/agents", "Agents vs human roles"],
] as const;

/** The dashboards' tabs and their shared filter; the filter travels between tabs in the URL. */
export function DashboardFrame({
  path,
  filter,
  teams,
  asOf,
}: {
  path: string;
  filter: DashboardFilter;
  teams: { id: string; name: string }[];
  asOf: Date | null;
}) {
  const query = filterParams(filter).toString();
  const select = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <div className="no-print mb-5 space-y-3">
      <nav aria-label="Dashboards" className="flex flex-wrap gap-2 border-b border-slate-200">
        {TABS.map(([href, text]) => (
          <Link
            key={href}
            href={query ? `${href}?${query}` : href}
            aria-current={path === href ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${path === href ? "border-brand-700 text-brand-700" : "border-transparent text-slate-700 hover:text-brand-700"}`}
          >
            {text}
          </Link>
        ))}
      </nav>
      <form method="get" action={path} className="flex flex-wrap items-end gap-3" aria-label="Dashboard filters">
        <div>
          <label htmlFor="dash-team" className="block text-xs font-medium text-slate-700">
            Team (of the consumers)
          </label>
          <select id="dash-team" name="teamId" defaultValue={filter.teamId ?? ""} className={select}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dash-env" className="block text-xs font-medium text-slate-700">
            Environment
          </label>
          <select id="dash-env" name="environment" defaultValue={filter.environment ?? ""} className={select}>
            <option value="">All environments</option>
            {Object.values(Environment).map((e) => (
              <option key={e} value={e}>
                {label(e)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Apply
        </button>
        {query && (
          <Link href={path} className="text-sm text-brand-700 underline">
            Clear filters
          </Link>
        )}
      </form>
      {asOf && (
        <p className="text-xs text-slate-600">
          Figures as of <time dateTime={asOf.toISOString()}>{formatDateTime(asOf)}</time>; they are recomputed a moment after each change and every{" "}
          {FINDINGS_REFRESH_MINUTES} minutes.
        </p>
      )}
    </div>
  );
}

/** One headline figure, linked to the list behind it, with its change over 30 days. */
export function Figure({
  title,
  value,
  unit = "",
  change,
  href,
  lowerIsBetter = false,
}: {
  title: string;
  value: number;
  unit?: string;
  change?: number | null;
  href?: string;
  lowerIsBetter?: boolean;
}) {
  const body = (
    <>
      <p className="text-sm text-slate-600">{title}</p>
      <p className="mt-1 text-3xl font-semibold tabular-nums text-slate-900">
        {value.toLocaleString("en")}
        {unit}
      </p>
      {change != null && (
        <p className={`mt-1 text-xs ${change === 0 ? "text-slate-600" : change < 0 === lowerIsBetter ? "text-green-800" : "text-red-800"}`}>
          {change === 0 ? "No change" : `${change > 0 ? "+" : "−"}${Math.abs(Math.round(change * 10) / 10).toLocaleString("en")}${unit}`} over 30 days
        </p>
      )}
    </>
  );
  return href ? (
    <Link href={href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-600">
      {body}
    </Link>
  ) : (
    <div className="h-full rounded-lg border border-slate-200 bg-white p-4">{body}</div>
  );
}
