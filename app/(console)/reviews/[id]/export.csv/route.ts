import { formatDateTime } from "@/lib/format";
import { csvStream } from "@/lib/lists/csv";
import { exportCampaignItems } from "@/lib/reviews/queries";
import { currentUser } from "@/lib/server/session";
import { AppError, HTTP_STATUS } from "@/lib/server/errors";

// Every item of the campaign with its decisions, who, when, why, and the remediation.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const ctx = await currentUser();
  if (!ctx) return new Response("Sign in to export.", { status: 401 });
  const { id } = await params;
  try {
    const items = await exportCampaignItems(ctx, id);
    const stream = csvStream(items, [
      ["itemId", (r) => r.id],
      ["consumer", (r) => r.snapshot.consumer.name],
      ["consumerKind", (r) => r.snapshot.consumer.kind],
      ["api", (r) => r.snapshot.api.name],
      ["scopesAtLaunch", (r) => r.snapshot.scopes.map((s) => s.name).join(" ")],
      ["riskScore", (r) => r.riskScore],
      ["highRisk", (r) => r.isHighRisk],
      ["recommendation", (r) => r.recommendation],
      ["reasons", (r) => r.reasons.join(" | ")],
      ["stage1Reviewer", (r) => r.stage1Reviewer?.name],
      ["stage1Decision", (r) => r.stage1Decision],
      ["stage1Comment", (r) => r.stage1Comment],
      ["stage1DecidedAt", (r) => (r.stage1DecidedAt ? formatDateTime(r.stage1DecidedAt) : "")],
      ["stage1HandOff", (r) => r.stage1HandOff],
      ["stage2Reviewer", (r) => r.stage2Reviewer?.name],
      ["stage2Decision", (r) => r.stage2Decision],
      ["stage2Comment", (r) => r.stage2Comment],
      ["stage2DecidedAt", (r) => (r.stage2DecidedAt ? formatDateTime(r.stage2DecidedAt) : "")],
      ["status", (r) => r.status],
      ["remediation", (r) => r.remediation],
      ["remediatedAt", (r) => (r.remediatedAt ? formatDateTime(r.remediatedAt) : "")],
    ]);
    return new Response(stream, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="campaign-${id}.csv"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (error instanceof AppError) return new Response(error.message, { status: HTTP_STATUS[error.code] });
    throw error;
  }
}
