// The dashboards' one filter: a consumer team and an environment, carried in the URL.
import { z } from "zod";
import { Environment } from "@/lib/generated/prisma/enums";
import { optionalId } from "@/lib/lists/params";

export const dashboardFilter = z.object({
  teamId: optionalId,
  environment: z.enum(Environment).optional().catch(undefined),
});
export type DashboardFilter = z.infer<typeof dashboardFilter>;

/** The filter as URL parameters, so links carry it to other dashboards and lists. */
export function filterParams(filter: DashboardFilter): URLSearchParams {
  return new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
}

/** The filter as one stable key (parameters sorted; "" for no filter), under which daily snapshots are kept. */
export function scopeKey(filter: DashboardFilter): string {
  const params = [...filterParams(filter)].sort(([a], [b]) => a.localeCompare(b));
  return new URLSearchParams(params).toString();
}
