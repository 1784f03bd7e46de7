import { exportGrants } from "@/lib/catalogue/queries";
import { grantListParams } from "@/lib/catalogue/schemas";
import { csvRoute } from "@/lib/lists/csv";
import { formatDate } from "@/lib/format";

export const GET = csvRoute("grants", (p) => grantListParams.parse(p), exportGrants, [
  ["id", (r) => r.id],
  ["consumer", (r) => r.consumer.name],
  ["consumerKind", (r) => r.consumer.kind],
  ["consumerEnvironment", (r) => r.consumer.environment],
  ["api", (r) => r.api.name],
  ["apiEnvironment", (r) => r.api.environment],
  ["scopes", (r) => r.scopes.map((s) => s.scope.name).join(" ")],
  ["status", (r) => r.status],
  ["origin", (r) => r.origin],
  ["justification", (r) => r.justification],
  ["createdAt", (r) => formatDate(r.createdAt)],
  ["expiresAt", (r) => (r.expiresAt ? formatDate(r.expiresAt) : "")],
  ["lastUsedAt", (r) => (r.lastUsedAt ? formatDate(r.lastUsedAt) : "")],
]);
