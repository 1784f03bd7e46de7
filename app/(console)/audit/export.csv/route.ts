import { auditListParams, exportAuditEvents } from "@/lib/audit/queries";
import { csvRoute } from "@/lib/lists/csv";

export const GET = csvRoute("audit-log", (p) => auditListParams.parse(p), exportAuditEvents, [
  ["seq", (r) => r.seq],
  ["id", (r) => r.id],
  ["at", (r) => r.at.toISOString()],
  ["actorKind", (r) => r.actorKind],
  ["actor", (r) => r.actorLabel],
  ["action", (r) => r.action],
  ["targetType", (r) => r.targetType],
  ["targetId", (r) => r.targetId],
  ["summary", (r) => r.summary],
  ["before", (r) => (r.before == null ? "" : JSON.stringify(r.before))],
  ["after", (r) => (r.after == null ? "" : JSON.stringify(r.after))],
  ["prevHash", (r) => r.prevHash],
  ["hash", (r) => r.hash],
]);
