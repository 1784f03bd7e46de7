// Background work of access reviews: reminders on each campaign's cadence, the due date
// (escalation to managers, the campaign's rule for undecided items), remediation of closed
// items, completion, and the next run of recurring campaigns. Every unit of work is locked
// for the transaction that does it (lib/jobs/claim.ts) and conditional on the state it
// changes, or keyed by a unique notice key, so a second runner — or a retry — does nothing twice.
import { recordAudit } from "@/lib/audit/service";
import type { Recurrence } from "@/lib/generated/prisma/enums";
import { lockRows } from "@/lib/jobs/claim";
import { chunks } from "@/lib/lists/where";
import { createNotices, emailNotices, notify } from "@/lib/notifications/service";
import { contextFor, type Actor } from "@/lib/server/authz";
import { db, type Db, type Tx } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { launchCampaign } from "./campaign-service";
import { completeIfDone } from "./decision-service";
import { remediateItem } from "./remediation";

const DAY = 86_400_000;
export const SYSTEM: Actor = { kind: "SYSTEM", label: "review scheduler" };

/** Reviewers with open items in a campaign, and how many each. */
async function pendingByReviewer(client: Db | Tx, campaignId: string) {
  const [stage1, stage2] = await Promise.all([
    client.reviewItem.groupBy({ by: ["stage1ReviewerId"], where: { campaignId, status: "STAGE1" }, _count: { _all: true }, orderBy: { stage1ReviewerId: "asc" } }),
    client.reviewItem.groupBy({ by: ["stage2ReviewerId"], where: { campaignId, status: "STAGE2" }, _count: { _all: true }, orderBy: { stage2ReviewerId: "asc" } }),
  ]);
  const pending = new Map<string, number>();
  for (const row of stage1) if (row.stage1ReviewerId) pending.set(row.stage1ReviewerId, (pending.get(row.stage1ReviewerId) ?? 0) + row._count._all);
  for (const row of stage2) if (row.stage2ReviewerId) pending.set(row.stage2ReviewerId, (pending.get(row.stage2ReviewerId) ?? 0) + row._count._all);
  return pending;
}

/**
 * One reminder per reviewer per cadence period (the period's number is in the notice key).
 * A campaign's reminders are written under its row lock, so a second runner skips the
 * campaign while the first works on it and finds every key taken after.
 */
export async function sendReminders(now: Date): Promise<number> {
  const campaigns = await db.campaign.findMany({ where: { status: "ACTIVE", dueAt: { gt: now }, launchedAt: { not: null } } });
  let sent = 0;
  for (const campaign of campaigns) {
    const period = Math.floor((now.getTime() - campaign.launchedAt!.getTime()) / (campaign.reminderCadenceDays * DAY));
    if (period < 1) continue; // the launch itself is the first notice
    const created = await db.$transaction(async (tx) => {
      if ((await lockRows(tx, "Campaign", [campaign.id])).length === 0) return [];
      const pending = await pendingByReviewer(tx, campaign.id);
      const notices = [...pending].map(([reviewerId, count]) => ({
        userId: reviewerId,
        kind: "review.reminder",
        title: `${count} access-review item(s) waiting: ${campaign.name}`,
        body: `Due ${campaign.dueAt.toISOString().slice(0, 10)}. Undecided items will then be handled by the campaign's rule (${campaign.undecidedOutcome.toLowerCase().replaceAll("_", " ")}).`,
        link: "/reviews/inbox",
        dedupeKey: `review.reminder:${campaign.id}:${reviewerId}:${period}`,
      }));
      const fresh = await createNotices(tx, notices);
      if (fresh.length > 0) await tx.campaign.update({ where: { id: campaign.id }, data: { lastReminderAt: now } });
      return fresh;
    });
    await emailNotices(created);
    sent += created.length;
  }
  return sent;
}

/** Tells each new reviewer about their items at launch. */
export async function announceLaunch(campaignId: string) {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  for (const [reviewerId, count] of await pendingByReviewer(db, campaignId)) {
    await notify({
      userId: reviewerId,
      kind: "review.assigned",
      title: `${count} item(s) to review: ${campaign.name}`,
      body: `Due ${campaign.dueAt.toISOString().slice(0, 10)}.`,
      link: "/reviews/inbox",
      dedupeKey: `review.assigned:${campaignId}:${reviewerId}`,
    });
  }
}

// Items per transaction for the due date and remediation: each locks its rows, so a second
// runner takes the next batch instead of waiting.
const BATCH = 100;

/**
 * At the due date: reviewers' managers hear who left items undecided, drafted decisions
 * count as decided, and every item its current stage left undecided gets the campaign's rule.
 */
export async function applyDueDates(now: Date): Promise<number> {
  const due = await db.campaign.findMany({ where: { status: "ACTIVE", dueAt: { lte: now } }, select: { id: true, name: true, undecidedOutcome: true } });
  let applied = 0;
  for (const campaign of due) {
    await escalateOverdue(campaign);
    const open = await db.reviewItem.findMany({ where: { campaignId: campaign.id, status: { not: "CLOSED" } }, select: { id: true }, orderBy: { id: "asc" } });
    for (const batch of chunks(open.map((i) => i.id), BATCH)) {
      applied += await db.$transaction(
        async (tx) => {
          const mine = await lockRows(tx, "ReviewItem", batch);
          const items = await tx.reviewItem.findMany({ where: { id: { in: mine }, status: { not: "CLOSED" } }, select: { id: true, status: true, version: true, stage1Decision: true, stage2Decision: true } });
          let closed = 0;
          for (const item of items) {
            const drafted = item.status === "STAGE1" ? item.stage1Decision : item.stage2Decision;
            const data = drafted ? {} : { outcome: campaign.undecidedOutcome };
            // Conditional as well as locked: an item decided since it was read is left alone.
            const { count } = await tx.reviewItem.updateMany({ where: { id: item.id, version: item.version, status: item.status }, data: { ...data, status: "CLOSED", version: { increment: 1 } } });
            if (count === 0) continue;
            closed++;
            await recordAudit(tx, SYSTEM, {
              action: "review.due",
              targetType: "ReviewItem",
              targetId: item.id,
              summary: drafted ? `Due date: the drafted decision (${drafted}) stands` : `Due date: undecided, the campaign's rule ${campaign.undecidedOutcome} applies`,
              before: { status: item.status },
              after: { status: "CLOSED", ...data },
            });
            await remediateItem(tx, SYSTEM, item.id, now);
          }
          return closed;
        },
        { timeout: 60_000, maxWait: 30_000 },
      );
    }
  }
  return applied;
}

/** Managers hear, once per campaign and reviewer, who left items open at the due date. */
async function escalateOverdue(campaign: { id: string; name: string; undecidedOutcome: string }) {
  const created = await db.$transaction(async (tx) => {
    if ((await lockRows(tx, "Campaign", [campaign.id])).length === 0) return [];
    const pending = await pendingByReviewer(tx, campaign.id);
    const reviewers = await tx.user.findMany({ where: { id: { in: [...pending.keys()] }, managerId: { not: null } }, select: { id: true, name: true, managerId: true } });
    return createNotices(
      tx,
      reviewers.map((reviewer) => ({
        userId: reviewer.managerId!,
        kind: "review.escalation",
        title: `Overdue access review: ${reviewer.name} left ${pending.get(reviewer.id)} item(s) open in ${campaign.name}`,
        body: `The campaign's rule for undecided items (${campaign.undecidedOutcome.toLowerCase().replaceAll("_", " ")}) is being applied.`,
        link: "/reviews",
        dedupeKey: `review.escalation:${campaign.id}:${reviewer.id}`,
      })),
    );
  });
  await emailNotices(created);
}

/** Closed items not yet remediated (e.g. a crash between close and remediation). */
export async function remediatePending(now: Date): Promise<number> {
  const items = await db.reviewItem.findMany({ where: { status: "CLOSED", remediatedAt: null }, select: { id: true }, orderBy: { id: "asc" }, take: 5000 });
  let done = 0;
  for (const batch of chunks(items.map((i) => i.id), BATCH)) {
    done += await db.$transaction(
      async (tx) => {
        let applied = 0;
        for (const id of await lockRows(tx, "ReviewItem", batch)) if (await remediateItem(tx, SYSTEM, id, now)) applied++;
        return applied;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  }
  return done;
}

const PERIOD_MONTHS: Record<Exclude<Recurrence, "NONE">, number> = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 };

export function addMonths(date: Date, months: number) {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}

/** Completes finished campaigns; a recurring one gets its next run scheduled, once. */
export async function completeAndSchedule(now: Date): Promise<{ completed: number; scheduled: number }> {
  const active = await db.campaign.findMany({ where: { status: "ACTIVE" }, select: { id: true } });
  let completed = 0;
  for (const c of active) if (await db.$transaction((tx) => completeIfDone(tx, { actor: SYSTEM }, c.id))) completed++;
  const finished = await db.campaign.findMany({ where: { status: "COMPLETED", recurrence: { not: "NONE" }, nextRun: null } });
  let scheduled = 0;
  for (const c of finished) {
    const months = PERIOD_MONTHS[c.recurrence as Exclude<Recurrence, "NONE">];
    const launchAt = addMonths(c.launchedAt ?? now, months);
    const span = c.dueAt.getTime() - (c.launchedAt ?? c.createdAt).getTime();
    try {
      await db.$transaction(async (tx) => {
        // previousRunId is unique: a second runner's insert fails and rolls back.
        const next = await tx.campaign.create({
          data: {
            name: c.name.replace(/ \(run \d+\)$/, "") + ` (run ${(await runNumber(c.id)) + 1})`,
            description: c.description,
            status: "DRAFT",
            createdById: c.createdById,
            selection: c.selection ?? {},
            stage2Enabled: c.stage2Enabled,
            stage2Mode: c.stage2Mode,
            dueAt: new Date(launchAt.getTime() + span),
            reminderCadenceDays: c.reminderCadenceDays,
            undecidedOutcome: c.undecidedOutcome,
            recurrence: c.recurrence,
            previousRunId: c.id,
            scheduledFor: launchAt,
          },
        });
        await recordAudit(tx, SYSTEM, { action: "campaign.schedule", targetType: "Campaign", targetId: next.id, summary: `Next run of "${c.name}" scheduled for ${launchAt.toISOString().slice(0, 10)}` });
      });
      scheduled++;
    } catch (error) {
      logger.warn("next run not scheduled", { campaignId: c.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { completed, scheduled };
}

async function runNumber(campaignId: string): Promise<number> {
  let n = 1;
  for (let id: string | null = campaignId; id && n < 1000; n++) {
    id = (await db.campaign.findUnique({ where: { id }, select: { previousRunId: true } }))?.previousRunId ?? null;
    if (!id) break;
  }
  return n;
}

/** Launches scheduled runs whose time has come, as their creator. */
export async function launchScheduled(now: Date): Promise<number> {
  const drafts = await db.campaign.findMany({ where: { status: "DRAFT", scheduledFor: { lte: now } } });
  let launched = 0;
  for (const draft of drafts) {
    const creator = await db.user.findUnique({ where: { id: draft.createdById }, select: { id: true, name: true, email: true, active: true, roles: { select: { role: true } } } });
    try {
      if (!creator?.active) throw new Error("the campaign's creator is no longer active");
      const selection = (draft.selection ?? {}) as Record<string, unknown>;
      const { campaign } = await launchCampaign(
        contextFor(creator),
        { ...selection, name: draft.name, description: draft.description, stage2Enabled: draft.stage2Enabled, stage2Mode: draft.stage2Mode, dueAt: draft.dueAt, reminderCadenceDays: draft.reminderCadenceDays, undecidedOutcome: draft.undecidedOutcome, recurrence: draft.recurrence },
        { draftId: draft.id },
      );
      await announceLaunch(campaign.id);
      launched++;
    } catch (error) {
      if (error instanceof AppError && error.code === "CONFLICT") continue; // another runner launched it
      const reason = error instanceof AppError ? `${error.message} ${Object.values(error.fieldErrors ?? {}).flat().join(" ")}` : error instanceof Error ? error.message : "error";
      logger.warn("scheduled run not launched", { campaignId: draft.id, reason });
      // Cancelled, not retried for ever; the creator hears why.
      const { count } = await db.campaign.updateMany({ where: { id: draft.id, status: "DRAFT" }, data: { status: "CANCELLED", completedAt: now } });
      if (count === 1) {
        await db.$transaction((tx) => recordAudit(tx, SYSTEM, { action: "campaign.launch_failed", targetType: "Campaign", targetId: draft.id, summary: `Scheduled run not launched: ${reason.trim()}` }));
        await notify({ userId: draft.createdById, kind: "review.launch_failed", title: `Scheduled review "${draft.name}" did not launch`, body: reason.trim(), link: "/reviews", dedupeKey: `review.launch_failed:${draft.id}` });
      }
    }
  }
  return launched;
}
