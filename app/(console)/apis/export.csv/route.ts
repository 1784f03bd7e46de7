import { exportApis } from "@/lib/catalogue/queries";
import { apiListParams } from "@/lib/catalogue/schemas";
import { csvRoute } from "@/lib/lists/csv";
import { formatDate } from "@/lib/format";

export const GET = csvRoute(
  "apis",
  (p) => apiListParams.parse(p),
  exportApis,
  [
    ["id", (r) => r.id],
    ["name", (r) => r.name],
    ["environment", (r) => r.environment],
    ["exposure", (r) => r.exposure],
    ["classification", (r) => r.classification],
    ["lifecycle", (r) => r.lifecycle],
    ["team", (r) => r.team.name],
    ["owner", (r) => r.owner?.email],
    ["gateway", (r) => r.gateway],
    ["scopes", (r) => r._count.scopes],
    ["activeGrants", (r) => r._count.grants],
    ["createdAt", (r) => formatDate(r.createdAt)],
  ],
  // An owner exports their own records only.
  (ctx, p) => ({ ...p, ownerId: ctx.userId }),
);
