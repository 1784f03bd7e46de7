// The columns of the consumer and grant CSV exports. The CSV import reads the same columns, so an
// exported file imports back unchanged, and into an empty instance as it was: state, origin and
// history included. Dates of history are instants (ISO 8601, UTC); an end date is a day, as forms
// set it. Counts (credentials, activeGrants) and ownerActive are read-only: the import ignores them.
import { formatDate } from "@/lib/format";
import type { CsvColumns } from "@/lib/lists/csv";
import { identitiesCell } from "./identities";
import type { exportConsumers, exportGrants } from "./queries";

type RowOf<F extends (...args: never[]) => AsyncIterable<unknown>> = F extends (...args: never[]) => AsyncIterable<infer T> ? T : never;

export const CONSUMER_COLUMNS: CsvColumns<RowOf<typeof exportConsumers>> = [
  ["id", (r) => r.id],
  ["name", (r) => r.name],
  ["kind", (r) => r.kind],
  ["status", (r) => r.status],
  ["environment", (r) => r.environment],
  ["description", (r) => r.description],
  ["team", (r) => r.team.name],
  ["owner", (r) => r.owner?.email],
  ["ownerActive", (r) => (r.owner ? r.owner.active : "")],
  ["agentProvider", (r) => r.agentProvider],
  ["agentModel", (r) => r.agentModel],
  ["autonomy", (r) => r.autonomy],
  ["comparableRole", (r) => r.comparableRole?.name],
  ["partnerOrg", (r) => r.partnerOrg],
  ["isCiPipeline", (r) => r.isCiPipeline],
  ["identities", (r) => identitiesCell(r.identities)],
  ["credentials", (r) => r._count.credentials],
  ["activeGrants", (r) => r._count.grants],
  ["createdAt", (r) => r.createdAt.toISOString()],
  ["decommissionedAt", (r) => r.decommissionedAt?.toISOString() ?? ""],
];

export const GRANT_COLUMNS: CsvColumns<RowOf<typeof exportGrants>> = [
  ["id", (r) => r.id],
  ["consumer", (r) => r.consumer.name],
  ["consumerKind", (r) => r.consumer.kind],
  ["consumerEnvironment", (r) => r.consumer.environment],
  ["api", (r) => r.api.name],
  ["apiEnvironment", (r) => r.api.environment],
  // In name order, so that the same grant exports the same line on every database.
  [
    "scopes",
    (r) =>
      r.scopes
        .map((s) => s.scope.name)
        .sort()
        .join(" "),
  ],
  ["status", (r) => r.status],
  ["origin", (r) => r.origin],
  ["justification", (r) => r.justification],
  ["createdAt", (r) => r.createdAt.toISOString()],
  ["expiresAt", (r) => (r.expiresAt ? formatDate(r.expiresAt) : "")],
  ["lastUsedAt", (r) => r.lastUsedAt?.toISOString() ?? ""],
  ["lastReviewedAt", (r) => r.lastReviewedAt?.toISOString() ?? ""],
  ["revokedAt", (r) => r.revokedAt?.toISOString() ?? ""],
];
