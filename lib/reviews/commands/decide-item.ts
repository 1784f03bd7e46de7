// A reviewer's decision on an item, kept as a draft until submitted: approve, revoke, reduce
// (the scopes to keep) or reassign. Every write is a conditional update on the item's
// version: of two decisions made at once on the same item, exactly one wins.
import type { Prisma } from "@/lib/generated/prisma/client";
import { defineCommand } from "@/lib/server/command";
import { conflict, forbidden, invalid, notFound } from "@/lib/server/errors";
import { isEligibleReviewer } from "../assign";
import { commentRequired } from "../item-state";
import { myOpenItems, separationProblem } from "../my-items";
import { decisionInput } from "../schemas";
import { readSnapshot } from "../stored-snapshot";

export const CONFLICT_MESSAGE = "Someone else changed this item a moment ago. Reload to see the latest decision.";

export const decideItem = defineCommand({
  name: "review.decide",
  input: decisionInput,
  permission: "review.decide",
  callers: { USER: true },
  async execute(tx, input, access) {
    const { ctx } = access;
    const item = await tx.reviewItem.findFirst({ where: { id: input.itemId, ...myOpenItems(ctx.userId) } });
    if (!item) throw notFound("The review item");
    if (input.version !== undefined && input.version !== item.version) throw conflict(CONFLICT_MESSAGE);
    const stage = item.status === "STAGE1" ? 1 : 2;
    if (input.decision !== "REASSIGN") {
      const consumer = await tx.consumer.findUnique({ where: { id: item.consumerId }, select: { ownerId: true } });
      const problem = separationProblem(ctx.userId, { ...item, consumerOwnerId: consumer?.ownerId ?? null });
      if (problem) throw forbidden(problem);
    }
    const snapshot = await readSnapshot(tx, item);
    if (input.decision !== "REASSIGN") {
      const needs = commentRequired(input.decision, item.recommendation);
      if (needs && input.comment.length < 5) throw invalid("Some fields need attention.", { comment: [needs] });
    }
    if (input.decision === "REDUCE") {
      const held = new Set(snapshot.scopes.map((s) => s.id));
      if (!input.keptScopeIds.every((id) => held.has(id))) throw invalid("Some fields need attention.", { keptScopeIds: ["Keep only scopes the grant holds"] });
      if (input.keptScopeIds.length >= held.size)
        throw invalid("Some fields need attention.", { keptScopeIds: ["Reducing must drop at least one scope; to keep them all, approve"] });
    }
    let data: Prisma.ReviewItemUpdateManyMutationInput & { stage1ReviewerId?: string; stage2ReviewerId?: string };
    let summary: string;
    if (input.decision === "REASSIGN") {
      const target = input.reassignTo
        ? await tx.user.findUnique({
            where: { id: input.reassignTo },
            select: { id: true, name: true, active: true, managerId: true, roles: { select: { role: true } } },
          })
        : null;
      if (
        !target ||
        target.id === ctx.userId ||
        // A second stage never goes back to the person who decided the first.
        (stage === 2 && target.id === item.stage1ReviewerId) ||
        !isEligibleReviewer(
          target,
          target.roles.map((r) => r.role),
          snapshot.consumer.ownerId,
        )
      ) {
        throw invalid("Some fields need attention.", {
          reassignTo: [
            stage === 2 && target?.id === item.stage1ReviewerId
              ? "This person decided the first stage: the sign-off must come from someone else"
              : "Choose an active reviewer who does not own this consumer",
          ],
        });
      }
      const handOff = `Reassigned by ${ctx.name} to ${target.name}: ${input.comment}`;
      data =
        stage === 1
          ? { stage1ReviewerId: target.id, stage1HandOff: handOff, stage1Decision: null, stage1Comment: null, stage1DecidedAt: null }
          : { stage2ReviewerId: target.id, stage2HandOff: handOff, stage2Decision: null, stage2Comment: null, stage2DecidedAt: null };
      summary = handOff;
    } else {
      const kept = input.decision === "REDUCE" ? input.keptScopeIds : undefined;
      data =
        stage === 1
          ? {
              stage1Decision: input.decision,
              stage1Comment: input.comment || null,
              stage1DecidedAt: new Date(),
              stage1Bulk: false,
              ...(kept && { keptScopeIds: kept }),
            }
          : {
              stage2Decision: input.decision,
              stage2Comment: input.comment || null,
              stage2DecidedAt: new Date(),
              stage2Bulk: false,
              ...(kept && { keptScopeIds: kept }),
            };
      summary = `Stage ${stage}: ${input.decision} ${snapshot.consumer.name} on ${snapshot.api.name}${input.comment ? ` — ${input.comment}` : ""}`;
    }
    const { count } = await tx.reviewItem.updateMany({
      where: { id: item.id, version: item.version, status: item.status },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw conflict(CONFLICT_MESSAGE);
    return {
      result: { id: item.id, version: item.version + 1 },
      audit: [
        {
          action: input.decision === "REASSIGN" ? "review.reassign" : "review.decide",
          targetType: "ReviewItem",
          targetId: item.id,
          summary,
          before:
            stage === 1
              ? { decision: item.stage1Decision, reviewer: item.stage1ReviewerId }
              : { decision: item.stage2Decision, reviewer: item.stage2ReviewerId },
          after: { stage, decision: input.decision, comment: input.comment, keptScopeIds: input.keptScopeIds, reassignTo: input.reassignTo ?? null },
        },
      ],
    };
  },
});
