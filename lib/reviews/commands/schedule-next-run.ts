// A completed recurring campaign gets its next run, waiting as a DRAFT until its time. Once:
// previousRunId is unique, so a second runner's insert fails and changes nothing.
import { z } from "zod";
import type { Recurrence } from "@/lib/generated/prisma/enums";
import { defineCommand } from "@/lib/server/command";

const PERIOD_MONTHS: Record<Exclude<Recurrence, "NONE">, number> = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 };

export function addMonths(date: Date, months: number) {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}

export const scheduleNextRun = defineCommand({
  name: "campaign.schedule",
  input: z.strictObject({ campaignId: z.string().min(1), now: z.coerce.date() }),
  permission: "campaign.manage",
  callers: { SYSTEM: true },
  async execute(tx, { campaignId, now }) {
    const c = await tx.campaign.findUnique({ where: { id: campaignId }, include: { nextRun: { select: { id: true } } } });
    if (!c || c.status !== "COMPLETED" || c.recurrence === "NONE" || c.nextRun) return { result: { scheduled: false }, audit: [] };
    const launchAt = addMonths(c.launchedAt ?? now, PERIOD_MONTHS[c.recurrence]);
    const span = c.dueAt.getTime() - (c.launchedAt ?? c.createdAt).getTime();
    let runs = 1;
    for (let id = c.previousRunId; id && runs < 1000; runs++)
      id = (await tx.campaign.findUnique({ where: { id }, select: { previousRunId: true } }))?.previousRunId ?? null;
    const next = await tx.campaign.create({
      data: {
        name: `${c.name.replace(/ \(run \d+\)$/, "")} (run ${runs + 1})`,
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
    return {
      result: { scheduled: true },
      audit: [
        {
          action: "campaign.schedule",
          targetType: "Campaign",
          targetId: next.id,
          summary: `Next run of "${c.name}" scheduled for ${launchAt.toISOString().slice(0, 10)}`,
        },
      ],
    };
  },
});
