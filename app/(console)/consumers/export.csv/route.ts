import { exportConsumers } from "@/lib/catalogue/queries";
import { consumerListParams } from "@/lib/catalogue/schemas";
import { csvRoute } from "@/lib/lists/csv";
import { formatDate } from "@/lib/format";

export const GET = csvRoute("consumers", (p) => consumerListParams.parse(p), exportConsumers, [
  ["id", (r) => r.id],
  ["name", (r) => r.name],
  ["kind", (r) => r.kind],
  ["status", (r) => r.status],
  ["environment", (r) => r.environment],
  ["team", (r) => r.team.name],
  ["owner", (r) => r.owner?.email],
  ["ownerActive", (r) => (r.owner ? r.owner.active : "")],
  ["autonomy", (r) => r.autonomy],
  ["comparableRole", (r) => r.comparableRole?.name],
  ["partnerOrg", (r) => r.partnerOrg],
  ["isCiPipeline", (r) => r.isCiPipeline],
  ["credentials", (r) => r._count.credentials],
  ["activeGrants", (r) => r._count.grants],
  ["createdAt", (r) => formatDate(r.createdAt)],
]);
