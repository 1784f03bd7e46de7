// Headline counts for the overview. Aggregations run in the database.
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";

export async function getOverviewCounts(ctx: Ctx) {
  requirePermission(ctx, "dashboard.read");
  const [apis, consumersByKind, activeGrants, expiringSoon] = await Promise.all([
    db.api.count({ where: { lifecycle: { not: "RETIRED" } } }),
    db.consumer.groupBy({ by: ["kind"], where: { status: { not: "DECOMMISSIONED" } }, _count: { _all: true }, orderBy: { kind: "asc" } }),
    db.grant.count({ where: { status: "ACTIVE" } }),
    db.grant.count({ where: { status: "ACTIVE", expiresAt: { gt: new Date(), lt: new Date(Date.now() + 14 * 86_400_000) } } }),
  ]);
  return {
    apis,
    consumersByKind: consumersByKind.map((row) => ({ kind: row.kind, count: row._count._all })),
    activeGrants,
    expiringSoon,
  };
}
