// Background work of access reviews: reminders on each campaign's cadence, the due date
// (escalation to managers, the campaign's rule for undecided items), remediation of closed
// items, completion, and the next run of recurring campaigns. Each unit of work is a command
// run as the system, locked for the transaction that does it (lib/locks/claim.ts) and
// conditional on the state it changes, or keyed by a unique notice key, so a second runner —
// or a retry — does nothing twice.
import { counted } from "@/lib/format";
import { lockRows } from "@/lib/locks/claim";
import { chunks } from "@/lib/lists/where";
import { createNotices, emailNotices } from "@/lib/notifications/service";
import { systemCtx } from "@/lib/server/authz";
import { inOneTransaction, runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { pendingByReviewer } from "./announce";
import { cancelScheduledRun } from "./commands/cancel-scheduled-run";
import { closeAtDueDate } from "./commands/close-at-due-date";
import { completeCampaign } from "./commands/complete-campaign";
import { launchScheduledRun } from "./commands/launch-scheduled-run";
import { remediateClosedItem } from "./commands/remediate-closed-item";
import { remindReviewers } from "./commands/remind-reviewers";
import { scheduleNextRun } from "./commands/schedule-next-run";

const DAY = 86_400_000;
export const SCHEDULER = systemCtx("review scheduler");

// Items per transaction for the due date and remediation: each locks its rows, so a second
// runner takes the next batch instead of waiting.
const BATCH = 100;

/** Reminders due now, one per reviewer per cadence period. */
export async function sendReminders(now: Date): Promise<number> {
  const campaigns = await db.campaign.findMany({
    where: { status: "ACTIVE", dueAt: { gt: now }, launchedAt: { not: null } },
    select: { id: true, launchedAt: true, reminderCadenceDays: true },
  });
  let sent = 0;
  for (const campaign of campaigns) {
    const period = Math.floor((now.getTime() - (campaign.launchedAt ?? now).getTime()) / (campaign.reminderCadenceDays * DAY));
    if (period < 1) continue; // the launch itself is the first notice
    sent += (await runCommand(remindReviewers, SCHEDULER, { campaignId: campaign.id, period, now })).sent;
  }
  return sent;
}

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
    for (const batch of chunks(
      open.map((i) => i.id),
      BATCH,
    )) {
      applied += await inOneTransaction(async (nested) => {
        let closed = 0;
        for (const itemId of await lockRows(nested.tx, "ReviewItem", batch)) {
          if ((await runCommand(closeAtDueDate, SCHEDULER, { itemId, now }, nested)).closed) closed++;
        }
        return closed;
      });
    }
  }
  return applied;
}

/** Managers hear, once per campaign and reviewer, who left items open at the due date (notices only). */
async function escalateOverdue(campaign: { id: string; name: string; undecidedOutcome: string }) {
  const created = await db.$transaction(async (tx) => {
    if ((await lockRows(tx, "Campaign", [campaign.id])).length === 0) return [];
    const pending = await pendingByReviewer(tx, campaign.id);
    const reviewers = await tx.user.findMany({
      where: { id: { in: [...pending.keys()] }, managerId: { not: null } },
      select: { id: true, name: true, managerId: true },
    });
    return createNotices(
      tx,
      reviewers.flatMap((reviewer) =>
        reviewer.managerId
          ? [
              {
                userId: reviewer.managerId,
                kind: "review.escalation",
                title: `Overdue access review: ${reviewer.name} left ${counted(pending.get(reviewer.id) ?? 0, "item")} open in ${campaign.name}`,
                body: `The campaign's rule for undecided items (${campaign.undecidedOutcome.toLowerCase().replaceAll("_", " ")}) is being applied.`,
                link: "/reviews",
                dedupeKey: `review.escalation:${campaign.id}:${reviewer.id}`,
              },
            ]
          : [],
      ),
    );
  });
  await emailNotices(created);
}

/** Closed items not yet remediated (e.g. a crash between close and remediation). */
export async function remediatePending(now: Date): Promise<number> {
  const items = await db.reviewItem.findMany({ where: { status: "CLOSED", remediatedAt: null }, select: { id: true }, orderBy: { id: "asc" }, take: 5000 });
  let done = 0;
  for (const batch of chunks(
    items.map((i) => i.id),
    BATCH,
  )) {
    done += await inOneTransaction(async (nested) => {
      let applied = 0;
      for (const itemId of await lockRows(nested.tx, "ReviewItem", batch)) {
        if ((await runCommand(remediateClosedItem, SCHEDULER, { itemId, now }, nested)).remediated) applied++;
      }
      return applied;
    });
  }
  return done;
}

/** Completes finished campaigns; a recurring one gets its next run scheduled, once. */
export async function completeAndSchedule(now: Date): Promise<{ completed: number; scheduled: number }> {
  const active = await db.campaign.findMany({ where: { status: "ACTIVE" }, select: { id: true } });
  let completed = 0;
  for (const c of active) if ((await runCommand(completeCampaign, SCHEDULER, { campaignId: c.id })).completed) completed++;
  const finished = await db.campaign.findMany({ where: { status: "COMPLETED", recurrence: { not: "NONE" }, nextRun: null }, select: { id: true } });
  let scheduled = 0;
  for (const c of finished) {
    try {
      if ((await runCommand(scheduleNextRun, SCHEDULER, { campaignId: c.id, now })).scheduled) scheduled++;
    } catch (error) {
      // Another runner scheduled it a moment ago (its previousRunId is unique).
      if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
      logger.info("next run already scheduled", { campaignId: c.id });
    }
  }
  return { completed, scheduled };
}

/** Launches scheduled runs whose time has come; one that cannot launch is cancelled and its creator told why. */
export async function launchScheduled(now: Date): Promise<number> {
  const drafts = await db.campaign.findMany({ where: { status: "DRAFT", scheduledFor: { lte: now } }, select: { id: true } });
  let launched = 0;
  for (const draft of drafts) {
    try {
      await runCommand(launchScheduledRun, SCHEDULER, { draftId: draft.id });
      launched++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Another runner launched (or cancelled) it a moment ago: nothing to do.
      if ((await db.campaign.findUnique({ where: { id: draft.id }, select: { status: true } }))?.status !== "DRAFT") continue;
      const reason = `${error.message} ${Object.values(error.fieldErrors ?? {})
        .flat()
        .join(" ")}`.trim();
      logger.warn("scheduled run not launched", { campaignId: draft.id, reason });
      await runCommand(cancelScheduledRun, SCHEDULER, { draftId: draft.id, reason, now });
    }
  }
  return launched;
}
