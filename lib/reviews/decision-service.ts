// Reviewers' decisions. Authorization invariant: a decision is taken only on an item that
// sits in the caller's stage and names them as that stage's reviewer (in the `where`, so
// anyone else's item reads as "not found"). Every write is a conditional update on the
// item's version: of two decisions made at once on the same item, exactly one wins.
import { recordAudit } from "@/lib/audit/service";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db, type Tx } from "@/lib/server/db";
import { conflict, invalid, notFound } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import { assignStage2, isEligibleReviewer } from "./assign";
import { loadDirectory } from "./directory";
import { afterStage1, commentRequired } from "./item-state";
import { remediateItem } from "./remediation";
import { decisionInput, itemIdsInput } from "./schemas";
import { readSnapshot, readSnapshots } from "./stored-snapshot";
import { z } from "zod";

const CONFLICT_MESSAGE = "Someone else changed this item a moment ago. Reload to see the latest decision.";

/** Items the caller reviews right now: theirs, in the stage they review, in an active campaign. */
export function myOpenItems(ctx: Ctx): Prisma.ReviewItemWhereInput {
  return {
    campaign: { status: "ACTIVE" },
    OR: [
      { status: "STAGE1", stage1ReviewerId: ctx.userId },
      { status: "STAGE2", stage2ReviewerId: ctx.userId },
    ],
  };
}

const decideWithVersion = z.intersection(decisionInput, z.object({ version: z.coerce.number().int().min(0).optional() }));

export async function decideItem(ctx: Ctx, raw: unknown) {
  const input = parseInput(decideWithVersion, raw);
  requirePermission(ctx, "review.decide");
  return db.$transaction(async (tx) => {
    const item = await tx.reviewItem.findFirst({ where: { id: input.itemId, ...myOpenItems(ctx) } });
    if (!item) throw notFound("The review item");
    if (input.version !== undefined && input.version !== item.version) throw conflict(CONFLICT_MESSAGE);
    const stage = item.status === "STAGE1" ? 1 : 2;
    const snapshot = await readSnapshot(tx, item);
    if (input.decision !== "REASSIGN") {
      const needs = commentRequired(input.decision, item.isHighRisk);
      if (needs && input.comment.length < 5) throw invalid("Some fields need attention.", { comment: [needs] });
    }
    if (input.decision === "REDUCE") {
      const held = new Set(snapshot.scopes.map((s) => s.id));
      if (!input.keptScopeIds.every((id) => held.has(id))) throw invalid("Some fields need attention.", { keptScopeIds: ["Keep only scopes the grant holds"] });
      if (input.keptScopeIds.length >= held.size) throw invalid("Some fields need attention.", { keptScopeIds: ["Reducing must drop at least one scope; to keep them all, approve"] });
    }
    let data: Prisma.ReviewItemUpdateManyMutationInput & { stage1ReviewerId?: string; stage2ReviewerId?: string };
    let summary: string;
    if (input.decision === "REASSIGN") {
      const target = await tx.user.findUnique({ where: { id: input.reassignTo! }, select: { id: true, name: true, active: true, managerId: true, roles: { select: { role: true } } } });
      if (!target || target.id === ctx.userId || !isEligibleReviewer(target, target.roles.map((r) => r.role), snapshot.consumer.ownerId)) {
        throw invalid("Some fields need attention.", { reassignTo: ["Choose an active reviewer who does not own this consumer"] });
      }
      const handOff = `Reassigned by ${ctx.name} to ${target.name}: ${input.comment}`;
      data = stage === 1
        ? { stage1ReviewerId: target.id, stage1HandOff: handOff, stage1Decision: null, stage1Comment: null, stage1DecidedAt: null }
        : { stage2ReviewerId: target.id, stage2HandOff: handOff, stage2Decision: null, stage2Comment: null, stage2DecidedAt: null };
      summary = handOff;
    } else {
      const kept = input.decision === "REDUCE" ? input.keptScopeIds : undefined;
      data = stage === 1
        ? { stage1Decision: input.decision, stage1Comment: input.comment || null, stage1DecidedAt: new Date(), ...(kept && { keptScopeIds: kept }) }
        : { stage2Decision: input.decision, stage2Comment: input.comment || null, stage2DecidedAt: new Date(), ...(kept && { keptScopeIds: kept }) };
      summary = `Stage ${stage}: ${input.decision} ${snapshot.consumer.name} on ${snapshot.api.name}${input.comment ? ` — ${input.comment}` : ""}`;
    }
    const { count } = await tx.reviewItem.updateMany({
      where: { id: item.id, version: item.version, status: item.status },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw conflict(CONFLICT_MESSAGE);
    await recordAudit(tx, ctx.actor, {
      action: input.decision === "REASSIGN" ? "review.reassign" : "review.decide",
      targetType: "ReviewItem",
      targetId: item.id,
      summary,
      before: stage === 1 ? { decision: item.stage1Decision, reviewer: item.stage1ReviewerId } : { decision: item.stage2Decision, reviewer: item.stage2ReviewerId },
      after: { stage, decision: input.decision, comment: input.comment, keptScopeIds: input.keptScopeIds, reassignTo: input.reassignTo ?? null },
    });
    return { id: item.id, version: item.version + 1 };
  });
}

/** Approves, as drafts, the chosen items that are recommended for approval and not high-risk. */
export async function bulkApprove(ctx: Ctx, raw: unknown) {
  const { itemIds } = parseInput(itemIdsInput, raw);
  requirePermission(ctx, "review.decide");
  // Eligibility is in the `where`: the caller's own stage-1 items, recommended for approval, not high-risk.
  const eligible: Prisma.ReviewItemWhereInput = { id: { in: itemIds }, ...myOpenItems(ctx), status: "STAGE1", recommendation: "APPROVE", isHighRisk: false };
  return db.$transaction(async (tx) => {
    const items = await tx.reviewItem.findMany({ where: eligible, select: { id: true } });
    const { count: approved } = await tx.reviewItem.updateMany({
      where: { ...eligible, id: { in: items.map((i) => i.id) } },
      data: { stage1Decision: "APPROVE", stage1Comment: "Approved in bulk as recommended", stage1DecidedAt: new Date(), version: { increment: 1 } },
    });
    await recordAudit(tx, ctx.actor, {
      action: "review.bulk_approve",
      targetType: "ReviewItem",
      targetId: items.map((i) => i.id).join(",").slice(0, 190),
      summary: `Approved ${approved} low-risk item(s) recommended for approval; ${itemIds.length - approved} not eligible for bulk approval`,
      after: { itemIds: items.map((i) => i.id) },
    });
    return { approved, skipped: itemIds.length - approved };
  });
}

/**
 * Submits the caller's decided items: stage 1 moves on to the manager or closes, stage 2
 * closes. Closed items are remediated in the same transaction; a finished campaign completes.
 */
export async function submitDecisions(ctx: Ctx, raw: unknown) {
  const { itemIds } = parseInput(itemIdsInput, raw);
  requirePermission(ctx, "review.decide");
  return db.$transaction(
    async (tx) => {
      const items = await tx.reviewItem.findMany({
        where: { id: { in: itemIds }, ...myOpenItems(ctx), OR: [{ status: "STAGE1", stage1Decision: { not: null } }, { status: "STAGE2", stage2Decision: { not: null } }] },
        include: { campaign: { select: { id: true, stage2Enabled: true, stage2Mode: true } } },
      });
      if (items.length === 0) throw invalid("Decide at least one of these items before submitting.");
      const directory = await loadDirectory(tx);
      let closed = 0;
      let forwarded = 0;
      const snapshots = await readSnapshots(tx, items);
      for (const [i, item] of items.entries()) {
        const snapshot = snapshots[i];
        let next: "STAGE2" | "CLOSED";
        let extra: { stage2ReviewerId?: string | null; stage2HandOff?: string | null } = {};
        if (item.status === "STAGE1") {
          next = afterStage1(item.stage1Decision as "APPROVE" | "REVOKE" | "REDUCE", item.campaign.stage2Enabled, item.campaign.stage2Mode) as "STAGE2" | "CLOSED";
          if (next === "STAGE2") {
            const stage2 = assignStage2(directory, snapshot.consumer.ownerId, item.stage1ReviewerId);
            extra = { stage2ReviewerId: stage2.reviewerId, stage2HandOff: stage2.handOff };
          }
        } else {
          next = "CLOSED";
        }
        const { count } = await tx.reviewItem.updateMany({
          where: { id: item.id, version: item.version, status: item.status },
          data: { status: next, version: { increment: 1 }, ...extra },
        });
        if (count === 0) throw conflict(CONFLICT_MESSAGE);
        await recordAudit(tx, ctx.actor, {
          action: "review.submit",
          targetType: "ReviewItem",
          targetId: item.id,
          summary: `Stage ${item.status === "STAGE1" ? 1 : 2} closed for ${snapshot.consumer.name} on ${snapshot.api.name}: ${next === "STAGE2" ? "sent for manager sign-off" : "closed"}`,
          before: { status: item.status },
          after: { status: next, ...extra },
        });
        if (next === "CLOSED") {
          closed++;
          await remediateItem(tx, ctx.actor, item.id);
        } else {
          forwarded++;
        }
      }
      for (const campaignId of new Set(items.map((i) => i.campaignId))) await completeIfDone(tx, ctx, campaignId);
      return { closed, forwarded };
    },
    { timeout: 120_000 },
  );
}

export async function completeIfDone(tx: Tx, ctx: { actor: Ctx["actor"] }, campaignId: string) {
  const open = await tx.reviewItem.count({ where: { campaignId, status: { not: "CLOSED" } } });
  if (open > 0) return false;
  const { count } = await tx.campaign.updateMany({ where: { id: campaignId, status: "ACTIVE" }, data: { status: "COMPLETED", completedAt: new Date() } });
  if (count === 1) {
    await recordAudit(tx, ctx.actor, { action: "campaign.complete", targetType: "Campaign", targetId: campaignId, summary: "Every item closed; campaign completed" });
  }
  return count === 1;
}
