import { listChoices } from "@/lib/catalogue/queries";
import { dashboardFilter } from "@/lib/dashboard/filter";
import { firstValues } from "@/lib/lists/params";
import { type Ctx } from "@/lib/server/authz";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

/** What every dashboard page starts with: the caller, the filter from the URL, the teams for the filter, and its data. */
export async function loadDashboard<T>(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
  read: (ctx: Ctx, filter: ReturnType<typeof dashboardFilter.parse>) => Promise<T>,
) {
  const ctx = await requireUser();
  const filter = dashboardFilter.parse(firstValues(await searchParams));
  const [data, choices] = await guard(() => Promise.all([read(ctx, filter), listChoices(ctx)]));
  return { ctx, filter, data, teams: choices.teams };
}
