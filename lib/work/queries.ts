// Each person's own work, counted: review items waiting for their decision, request steps
// waiting for their approval, and access of the consumers they own that ends soon. The
// landing page and the navigation's counts read it.
import { loadPolicy } from "@/lib/policy/policy";
import { toApproveWhere } from "@/lib/requests/queries";
import { myOpenItems } from "@/lib/reviews/my-items";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { can } from "@/lib/server/permissions";

export type Work = { reviewItems: number; requestSteps: number; endingSoon: number; endingWithinDays: number };

/** Whether the person's roles give them work of their own (reviewing, approving, owning consumers). */
export function hasWork(ctx: Ctx): boolean {
  return can(ctx.roles, "review.decide") || can(ctx.roles, "request.approve");
}

export async function myWork(ctx: Ctx, now = new Date()): Promise<Work> {
  const policy = await loadPolicy(db);
  const horizon = new Date(now.getTime() + policy.expiryNoticeDays * 86_400_000);
  const [reviewItems, requestSteps, endingSoon] = await Promise.all([
    can(ctx.roles, "review.decide") ? db.reviewItem.count({ where: myOpenItems(ctx.userId) }) : 0,
    can(ctx.roles, "request.approve") ? db.accessRequest.count({ where: toApproveWhere(ctx) }) : 0,
    db.grant.count({ where: { status: "ACTIVE", consumer: { ownerId: ctx.userId }, expiresAt: { gt: now, lte: horizon } } }),
  ]);
  return { reviewItems, requestSteps, endingSoon, endingWithinDays: policy.expiryNoticeDays };
}
