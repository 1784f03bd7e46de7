import { formatDate } from "@/lib/format";
import { csvRoute } from "@/lib/lists/csv";
import { exportRequests } from "@/lib/requests/queries";
import { requestListParams, storedGuardrails } from "@/lib/requests/schemas";

export const GET = csvRoute(
  "access-requests",
  (p) => requestListParams.parse(p),
  exportRequests,
  [
    ["id", (r) => r.id],
    ["consumer", (r) => r.consumer.name],
    ["consumerKind", (r) => r.consumer.kind],
    ["api", (r) => r.api.name],
    ["scopes", (r) => r.scopes.map((s) => s.scope.name).join(" ")],
    ["status", (r) => r.status],
    ["durationDays", (r) => r.durationDays ?? ""],
    [
      "guardrails",
      (r) =>
        storedGuardrails
          .catch([])
          .parse(r.guardrails)
          .map((g) => g.code)
          .join(" "),
    ],
    ["steps", (r) => r.steps.map((s) => `${s.kind}:${s.status}`).join(" ")],
    ["requester", (r) => r.requester.name],
    ["justification", (r) => r.justification],
    ["requestedAt", (r) => formatDate(r.createdAt)],
    ["decidedAt", (r) => (r.decidedAt ? formatDate(r.decidedAt) : "")],
    ["grantId", (r) => r.grantId ?? ""],
  ],
  // An owner exports their own records only.
  (_ctx, p) => ({ ...p, view: "mine" as const }),
);
