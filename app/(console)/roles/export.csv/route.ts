import { exportRoles } from "@/lib/catalogue/queries";
import { roleListParams } from "@/lib/catalogue/schemas";
import { csvRoute } from "@/lib/lists/csv";

export const GET = csvRoute("human-roles", (p) => roleListParams.parse(p), exportRoles, [
  ["id", (r) => r.id],
  ["name", (r) => r.name],
  ["description", (r) => r.description],
  ["team", (r) => r.team?.name],
  ["baselineScopes", (r) => r._count.scopes],
  ["agents", (r) => r._count.agents],
]);
