// Who decides a request's pending step. Separation of duties: never the requester or the
// consumer's owner, never two steps of one request; a step nobody could be assigned falls to
// any other administrator.
import type { Ctx } from "@/lib/server/authz";

export function mayDecide(ctx: Pick<Ctx, "userId" | "roles">, step: { assigneeId: string | null }, earlierDeciders: Set<string>) {
  if (step.assigneeId) return step.assigneeId === ctx.userId;
  return ctx.roles.includes("ADMIN") && !earlierDeciders.has(ctx.userId);
}

type DecidableRequest = {
  status: string;
  requesterId: string;
  consumer: { ownerId: string | null };
  steps: { status: string; assigneeId: string | null; decidedById: string | null }[];
};

/** Whether the caller decides the request's pending step now; the page shows the form exactly when the command would accept it. */
export function decidesNow(ctx: Pick<Ctx, "userId" | "roles">, request: DecidableRequest): boolean {
  const step = request.steps.find((s) => s.status === "PENDING");
  if (request.status !== "PENDING" || !step) return false;
  if (ctx.userId === request.requesterId || ctx.userId === request.consumer.ownerId) return false;
  return mayDecide(ctx, step, earlierDeciders(request.steps));
}

export function earlierDeciders(steps: { decidedById: string | null }[]): Set<string> {
  return new Set(steps.flatMap((s) => (s.decidedById ? [s.decidedById] : [])));
}
