// Background work of access reviews and grants, driven with an explicit clock.
import { beforeAll, describe, expect, it } from "vitest";
import { decideItem } from "@/lib/reviews/commands/decide-item";
import { launchCampaign } from "@/lib/reviews/commands/launch-campaign";
import { submitDecisions } from "@/lib/reviews/commands/submit-decisions";
import { runCommand } from "@/lib/server/command";
import { expireGrants } from "@/lib/catalogue/expiry";
import { runJobs } from "@/lib/jobs/run";
import { applyDueDates, completeAndSchedule, launchScheduled, sendReminders } from "@/lib/reviews/jobs";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor } from "./helpers";

const DAY = 86_400_000;
let owner: Ctx;
let admin: Ctx;

beforeAll(async () => {
  [owner, admin] = await Promise.all([ctxFor(DEMO.owner), ctxFor(DEMO.admin)]);
});

async function launch(ctx: Ctx, over: Record<string, unknown>, apiName = "Ledger API") {
  const api = await db.api.findFirstOrThrow({ where: { ownerId: owner.userId, name: apiName } });
  return runCommand(launchCampaign, ctx, {
    name: "Jobs test",
    apiIds: [api.id],
    dueAt: new Date(Date.now() + 2 * DAY).toISOString(),
    reminderCadenceDays: "7",
    undecidedOutcome: "KEEP",
    // Other tests' campaigns may still review some of these grants.
    overlapConfirmed: true,
    ...over,
  });
}

describe("reminders", () => {
  it("reminds each reviewer once per cadence period, never twice", async () => {
    const { campaign } = await launch(owner, { name: "Reminder test", dueAt: new Date(Date.now() + 30 * DAY).toISOString(), kinds: ["SERVICE"] });
    const reviewers = await db.reviewItem.groupBy({ by: ["stage1ReviewerId"], where: { campaignId: campaign.id }, orderBy: { stage1ReviewerId: "asc" } });
    const launchedAt = campaign.launchedAt!.getTime();
    // Other campaigns remind too: count this campaign's notices.
    const reminders = () => db.notification.count({ where: { kind: "review.reminder", dedupeKey: { startsWith: `review.reminder:${campaign.id}:` } } });
    await sendReminders(new Date(launchedAt + 3 * DAY));
    expect(await reminders()).toBe(0);
    await sendReminders(new Date(launchedAt + 8 * DAY));
    expect(await reminders()).toBe(reviewers.length);
    await sendReminders(new Date(launchedAt + 9 * DAY));
    expect(await reminders()).toBe(reviewers.length);
    await sendReminders(new Date(launchedAt + 15 * DAY));
    expect(await reminders()).toBe(2 * reviewers.length);
    const notices = await db.notification.findMany({ where: { kind: "review.reminder", dedupeKey: { startsWith: `review.reminder:${campaign.id}:` } } });
    expect(notices).toHaveLength(2 * reviewers.length);
    expect(notices[0]!.title).toMatch(/\d+ access-review items? waiting: Reminder test/);
    await db.campaign.update({ where: { id: campaign.id }, data: { status: "CANCELLED" } });
  });
});

describe("the due date", () => {
  it("keeps drafted decisions, applies SUSPEND to undecided items, escalates, and does it once", async () => {
    const { campaign } = await launch(owner, { name: "Due test", undecidedOutcome: "SUSPEND", kinds: ["HUMAN", "AGENT"] });
    const items = await db.reviewItem.findMany({ where: { campaignId: campaign.id, stage1ReviewerId: owner.userId }, orderBy: { id: "asc" } });
    expect(items.length).toBeGreaterThanOrEqual(2);
    const [drafted, ...undecided] = items;
    await runCommand(decideItem, owner, { itemId: drafted!.id, decision: "APPROVE", comment: "Needed for month-end close" });
    const audit = await db.auditEvent.count();

    const applied = await applyDueDates(new Date(Date.now() + 3 * DAY));
    const all = await db.reviewItem.count({ where: { campaignId: campaign.id } });
    expect(applied).toBe(all);
    expect((await db.grant.findUniqueOrThrow({ where: { id: drafted!.grantId } })).status).toBe("ACTIVE");
    for (const item of undecided) {
      const after = await db.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
      expect(after).toMatchObject({ status: "CLOSED", outcome: "SUSPEND", remediation: "Grant suspended until someone decides" });
      expect((await db.grant.findUniqueOrThrow({ where: { id: item.grantId } })).status).toBe("SUSPENDED");
    }
    expect(
      await db.notification.count({ where: { kind: "review.escalation", dedupeKey: { startsWith: `review.escalation:${campaign.id}:` } } }),
    ).toBeGreaterThan(0);

    const events = await db.auditEvent.count();
    expect(events).toBeGreaterThan(audit);
    expect(await applyDueDates(new Date(Date.now() + 4 * DAY))).toBe(0);
    expect(await db.auditEvent.count()).toBe(events);
    const { completed } = await completeAndSchedule(new Date());
    expect(completed).toBeGreaterThanOrEqual(1);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("COMPLETED");
  });

  it("follows the recommendation when the campaign says so", async () => {
    const { campaign } = await launch(admin, { name: "Follow test", undecidedOutcome: "FOLLOW_RECOMMENDATION", kinds: ["PARTNER", "SERVICE"] });
    await applyDueDates(new Date(Date.now() + 3 * DAY));
    const items = await db.reviewItem.findMany({ where: { campaignId: campaign.id }, include: { grant: { include: { scopes: true } } } });
    for (const item of items) {
      const expected = { APPROVE: "ACTIVE", REVOKE: "REVOKED", REDUCE: "ACTIVE" }[item.recommendation];
      expect(item.grant.status, item.recommendation).toBe(expected);
      if (item.recommendation === "REDUCE") expect(item.grant.scopes.map((s) => s.scopeId).sort()).toEqual([...(item.keptScopeIds as string[])].sort());
    }
  });
});

describe("recurring campaigns", () => {
  it("schedule their next run once, which marks items unchanged since their last approval", async () => {
    const { campaign } = await launch(
      owner,
      { name: "Monthly agents", recurrence: "MONTHLY", kinds: ["AGENT"], dueAt: new Date(Date.now() + 10 * DAY).toISOString() },
      "Invoices API",
    );
    const items = await db.reviewItem.findMany({ where: { campaignId: campaign.id } });
    const mine = items.filter((i) => i.stage1ReviewerId === owner.userId);
    for (const item of mine) await runCommand(decideItem, owner, { itemId: item.id, decision: "APPROVE", comment: "Reviewed with the agent's owner" });
    await runCommand(submitDecisions, owner, { itemIds: mine.map((i) => i.id) });
    for (const item of items.filter((i) => i.stage1ReviewerId !== owner.userId)) {
      await db.reviewItem.update({ where: { id: item.id }, data: { status: "CLOSED", stage1Decision: "REVOKE" } });
    }
    const first = await completeAndSchedule(new Date());
    expect(first.scheduled).toBe(1);
    expect((await completeAndSchedule(new Date())).scheduled).toBe(0);
    const next = await db.campaign.findUniqueOrThrow({ where: { previousRunId: campaign.id } });
    expect(next).toMatchObject({ status: "DRAFT", name: "Monthly agents (run 2)" });
    expect(next.scheduledFor!.getTime()).toBeGreaterThan(Date.now() + 27 * DAY);

    expect(await launchScheduled(new Date())).toBe(0);
    await db.campaign.update({ where: { id: next.id }, data: { scheduledFor: new Date(Date.now() - 1000) } });
    expect(await launchScheduled(new Date())).toBe(1);
    expect(await launchScheduled(new Date())).toBe(0);
    const launched = await db.reviewItem.findMany({ where: { campaignId: next.id } });
    const approvedGrants = new Set(mine.map((i) => i.grantId));
    // Approved last time and untouched since: marked unchanged. Everything else: not.
    for (const item of launched) expect(item.unchanged, item.grantId).toBe(approvedGrants.has(item.grantId));
  });
});

describe("time-bound grants", () => {
  it("expire by themselves, exactly those past their expiry", async () => {
    const grants = await db.grant.findMany({ where: { status: "ACTIVE" }, take: 3, orderBy: { id: "asc" } });
    await db.grant.update({ where: { id: grants[0]!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await db.grant.update({ where: { id: grants[1]!.id }, data: { expiresAt: new Date(Date.now() + DAY) } });
    const before = await db.grant.count({ where: { status: "ACTIVE", expiresAt: { lte: new Date() } } });
    expect(await expireGrants(new Date())).toBe(before);
    expect((await db.grant.findUniqueOrThrow({ where: { id: grants[0]!.id } })).status).toBe("EXPIRED");
    expect((await db.grant.findUniqueOrThrow({ where: { id: grants[1]!.id } })).status).toBe("ACTIVE");
    expect(await expireGrants(new Date())).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: grants[0]!.id, action: "grant.expire" } })).toBe(1);
  });

  it("one full pass of background work runs end to end", async () => {
    const summary = await runJobs(new Date());
    expect(Object.keys(summary).sort()).toEqual([
      "auditChecks",
      "completed",
      "dueApplied",
      "expiredGrants",
      "expiredScopes",
      "expiryNotices",
      "findings",
      "launched",
      "recoveredImports",
      "remediated",
      "reminders",
      "scheduled",
      "snapshots",
    ]);
    // The pass walked the audit chain and found it whole.
    expect(summary.auditChecks).toBe(1);
    expect(await db.auditVerification.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ ok: true });
  });
});
