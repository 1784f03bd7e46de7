import { exportFindings, findingListParams } from "@/lib/findings/queries";
import { formatDate } from "@/lib/format";
import { csvRoute } from "@/lib/lists/csv";

export const GET = csvRoute("findings", (p) => findingListParams.parse(p), exportFindings, [
  ["id", (r) => r.id],
  ["severity", (r) => r.severity],
  ["rule", (r) => r.rule],
  ["nhi", (r) => r.nhi],
  ["status", (r) => r.status],
  ["consumer", (r) => r.consumer?.name ?? ""],
  ["consumerKind", (r) => r.consumer?.kind ?? ""],
  ["team", (r) => r.consumer?.team.name ?? ""],
  ["api", (r) => r.grant?.api.name ?? r.api?.name ?? ""],
  ["credential", (r) => r.credential?.label ?? ""],
  ["explanation", (r) => r.explanation],
  ["firstSeenAt", (r) => formatDate(r.firstSeenAt)],
  ["lastSeenAt", (r) => formatDate(r.lastSeenAt)],
  ["closedAt", (r) => (r.closedAt ? formatDate(r.closedAt) : "")],
]);
