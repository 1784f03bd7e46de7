// Access reviews against a real database: launch freezes grants all or nothing, reviewers
// decide only their own items, concurrent decisions conflict, and remediation happens once.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCEPTED_IN_BULK, bulkDecide } from "@/lib/reviews/commands/bulk-decide";
import { getDraftSummary } from "@/lib/reviews/draft-summary";
import { myOpenItems } from "@/lib/reviews/my-items";
import { decideItem } from "@/lib/reviews/commands/decide-item";
import { launchCampaign, launchOnce } from "@/lib/reviews/commands/launch-campaign";
import { submitDecisions } from "@/lib/reviews/commands/submit-decisions";
import { runCommand } from "@/lib/server/command";
import { previewCampaign } from "@/lib/reviews/launch";
import { remediateClosedItem } from "@/lib/reviews/commands/remediate-closed-item";
import { systemCtx } from "@/lib/server/authz";
import { getInbox, listCampaignItems } from "@/lib/reviews/queries";
import { readSnapshot, readSnapshots } from "@/lib/reviews/stored-snapshot";
import type { Ctx } from "@/lib/server/authz";
import { db, provider } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError, rowCounts } from "./helpers";

let owner: Ctx;
let manager: Ctx;
let admin: Ctx;
let exec: Ctx;

beforeAll(async () => {
  [owner, manager, admin, exec] = await Promise.all([ctxFor(DEMO.owner), ctxFor(DEMO.manager), ctxFor(DEMO.admin), ctxFor(DEMO.exec)]);
});

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const campaign = (over: Record<string, unknown> = {}) => ({
  name: "Partner access to owner APIs",
  kinds: ["PARTNER"],
  dueAt: inAWeek(),
  undecidedOutcome: "KEEP",
  reminderCadenceDays: "7",
  // Launches here review grants earlier tests' campaigns may hold; the overlap itself is tested apart.
  overlapConfirmed: "on",
  ...over,
});

describe("launching a campaign", () => {
  it("previews the count and a sample, limited to the owner's APIs", async () => {
    const preview = await previewCampaign(owner, { kinds: ["PARTNER"] });
    const expected = await db.grant.count({ where: { status: "ACTIVE", consumer: { kind: "PARTNER" }, api: { ownerId: owner.userId } } });
    expect(preview.count).toBe(expected);
    expect(preview.sample.length).toBe(Math.min(10, expected));
    expect(preview.sample.every((s) => s.kind === "PARTNER" && s.reason.length > 0)).toBe(true);
  });

  it("refuses to review an API the owner does not own, and read-only roles entirely", async () => {
    const foreign = await db.api.findFirstOrThrow({ where: { ownerId: { not: owner.userId } } });
    const counts = await db.campaign.count();
    const err = await expectAppError(runCommand(launchCampaign, owner, campaign({ apiIds: [foreign.id] })), "VALIDATION");
    expect(err.fieldErrors?.apiIds).toBeDefined();
    await expectAppError(runCommand(launchCampaign, exec, campaign()), "FORBIDDEN");
    expect(await db.campaign.count()).toBe(counts);
  });

  it("freezes every selected grant into an item with snapshot, recommendation, reasons and a reviewer", async () => {
    const { campaign: c, items } = await runCommand(launchCampaign, owner, campaign({ stage2Enabled: "on", stage2Mode: "APPROVALS_ONLY" }));
    expect(items).toBeGreaterThan(0);
    const rows = await db.reviewItem.findMany({ where: { campaignId: c.id } });
    expect(rows).toHaveLength(items);
    const snapshots = await readSnapshots(db, rows);
    for (const [i, row] of rows.entries()) {
      const snapshot = snapshots[i];
      expect(snapshot!.consumer.kind).toBe("PARTNER");
      expect(snapshot!.scopes.length).toBeGreaterThan(0);
      expect((row.reasons as string[]).length).toBeGreaterThan(0);
      expect(row.stage1ReviewerId).not.toBeNull();
      // Separation of duties: nobody reviews a grant whose consumer they own.
      expect(row.stage1ReviewerId).not.toBe(snapshot!.consumer.ownerId);
      if (snapshot!.consumer.ownerId === owner.userId) expect(row.stage1HandOff).toMatch(/separation of duties/);
    }
    expect(await db.auditEvent.count({ where: { targetId: c.id, action: "campaign.launch" } })).toBe(1);

    // Each frozen fact is the catalogue's, as the console shows it at launch.
    for (const [i, row] of rows.entries()) {
      const snapshot = snapshots[i];
      const grant = await db.grant.findUniqueOrThrow({
        where: { id: row.grantId },
        include: {
          consumer: { include: { owner: true, credentials: { where: { credential: { revokedAt: null } }, include: { credential: true } } } },
          scopes: { include: { scope: { include: { operations: { include: { operation: true } } } } } },
          findings: { where: { status: "OPEN" } },
        },
      });
      expect(snapshot!.consumer).toMatchObject({
        id: grant.consumerId,
        name: grant.consumer.name,
        ownerName: grant.consumer.owner?.name ?? null,
        ownerActive: grant.consumer.owner?.active ?? false,
      });
      expect(snapshot!.grant.lastUsedAt).toBe(grant.lastUsedAt?.toISOString() ?? null);
      expect(snapshot!.credentials.map((cr) => cr.id).sort()).toEqual(grant.consumer.credentials.map((cc) => cc.credentialId).sort());
      for (const held of grant.scopes) {
        const frozen = snapshot!.scopes.find((s) => s.id === held.scopeId)!;
        expect(frozen.lastUsedAt).toBe(held.lastUsedAt?.toISOString() ?? null);
        expect([...frozen.operations].sort()).toEqual(held.scope.operations.map((o) => `${o.operation.method.toUpperCase()} ${o.operation.path}`).sort());
      }
      expect(snapshot!.findings.map((f) => f.rule).sort()).toEqual(grant.findings.map((f) => f.rule).sort());
    }
  });

  it("freezes each consumer, API and scope once per campaign, shared by its items", async () => {
    const { campaign: c } = await runCommand(launchCampaign, admin, campaign({ name: "Shared facts", kinds: ["SERVICE", "PARTNER"] }));
    const rows = await db.reviewItem.findMany({ where: { campaignId: c.id }, select: { campaignId: true, consumerId: true, apiId: true, snapshot: true } });
    const facts = await db.reviewFact.findMany({ where: { campaignId: c.id }, select: { key: true } });
    const snapshots = await readSnapshots(db, rows);
    const expected = new Set(snapshots.flatMap((s) => [`consumer:${s.consumer.id}`, `api:${s.api.id}`, ...s.scopes.map((x) => `scope:${x.id}`)]));
    expect(facts.map((f) => f.key).sort()).toEqual([...expected].sort());
    // Several items share a consumer, so there are fewer consumer facts than items.
    expect(facts.filter((f) => f.key.startsWith("consumer:")).length).toBeLessThan(rows.length);
    for (const [i, row] of rows.entries()) {
      expect(row.snapshot).toMatchObject({ consumer: row.consumerId, api: row.apiId });
      expect(snapshots[i]!.consumer.id).toBe(row.consumerId);
      expect(snapshots[i]!.api.id).toBe(row.apiId);
    }
    // Deleting a campaign takes its facts along.
    await db.campaign.delete({ where: { id: c.id } });
    expect(await db.reviewFact.count({ where: { campaignId: c.id } })).toBe(0);
  });

  it("reads an item that holds its whole snapshot, as items launched before shared facts do", async () => {
    const item = await db.reviewItem.findFirstOrThrow({
      where: { stage1ReviewerId: owner.userId, status: "STAGE1", campaign: { status: "ACTIVE" } },
      orderBy: { id: "asc" },
    });
    const whole = await readSnapshot(db, item);
    await db.reviewItem.update({ where: { id: item.id }, data: { snapshot: whole } });
    const inbox = await getInbox(owner, { page: 1, pageSize: 500 });
    expect(inbox.rows.find((r) => r.id === item.id)?.snapshot).toEqual(whole);
    const listed = await listCampaignItems(owner, item.campaignId, { page: 1, pageSize: 500 });
    expect(listed.rows.find((r) => r.id === item.id)?.snapshot).toEqual(whole);
  });

  it("shows reviewers' comments only to those the permission table lets read them", async () => {
    const item = await db.reviewItem.findFirstOrThrow({
      where: { stage1ReviewerId: owner.userId, status: "STAGE1", campaign: { status: "ACTIVE", createdById: { not: manager.userId } } },
    });
    await db.reviewItem.update({
      where: { id: item.id },
      data: { stage1Comment: "Contract renewed in March", stage1HandOff: "Reassigned by A to B: on leave" },
    });
    try {
      const commentOf = async (ctx: Ctx) => {
        const rows: { id: string; stage1Comment: string | null; stage1HandOff: string | null }[] = [];
        for (let page = 1; !rows.some((r) => r.id === item.id); page++) {
          const listed = await listCampaignItems(ctx, item.campaignId, { page, pageSize: 500 });
          if (!listed.rows.length) break;
          rows.push(...listed.rows);
        }
        const row = rows.find((r) => r.id === item.id);
        return row && [row.stage1Comment, row.stage1HandOff];
      };
      const auditor = await ctxFor(DEMO.auditor);
      // The item's reviewer, administrators and auditors read it; a manager with no part in it does not.
      for (const reader of [owner, admin, auditor, exec])
        expect(await commentOf(reader)).toEqual(["Contract renewed in March", "Reassigned by A to B: on leave"]);
      expect(await commentOf(manager)).toEqual([null, null]);
    } finally {
      await db.reviewItem.update({ where: { id: item.id }, data: { stage1Comment: null, stage1HandOff: item.stage1HandOff } });
    }
  });

  it("launches once per submission, however often or at once it arrives", async () => {
    const launchKey = randomUUID();
    const before = await db.campaign.count();
    const input = campaign({ name: "Once only", launchKey });
    try {
      const [first, second] = await Promise.all([launchOnce(owner, input), launchOnce(owner, input)]);
      const third = await launchOnce(owner, input);
      expect(second.campaign.id).toBe(first.campaign.id);
      expect(third.campaign.id).toBe(first.campaign.id);
      expect([first.repeated, second.repeated, third.repeated].filter(Boolean)).toHaveLength(2);
      expect(await db.campaign.count()).toBe(before + 1);
      expect(await db.auditEvent.count({ where: { action: "campaign.launch", targetId: first.campaign.id } })).toBe(1);
      // Someone else's submission key is never theirs to replay.
      const err = await expectAppError(launchOnce(admin, campaign({ name: "Borrowed key", launchKey })), "CONFLICT");
      expect(err.message).toMatch(/already used/);
      await expectAppError(launchOnce(owner, campaign({ launchKey: "not-a-uuid" })), "VALIDATION");
    } finally {
      await db.campaign.deleteMany({ where: { launchKey } });
    }
  });

  it("asks before launching over grants an active campaign reviews already", async () => {
    const { campaign: c } = await runCommand(launchCampaign, owner, campaign({ name: "First over partners" }));
    try {
      const before = [await db.campaign.count(), await db.reviewItem.count(), await db.auditEvent.count()];
      const err = await expectAppError(
        runCommand(launchCampaign, owner, campaign({ name: "Second over partners", overlapConfirmed: undefined })),
        "VALIDATION",
      );
      expect(err.fieldErrors?.overlapConfirmed?.[0]).toMatch(/under review already in .*“First over partners”/);
      expect([await db.campaign.count(), await db.reviewItem.count(), await db.auditEvent.count()]).toEqual(before);
      const preview = await previewCampaign(owner, { kinds: ["PARTNER"] });
      expect(preview.overlap).toMatch(/under review already/);
      // Confirmed, it launches.
      const { campaign: second } = await runCommand(launchCampaign, owner, campaign({ name: "Second over partners" }));
      await db.campaign.delete({ where: { id: second.id } });
    } finally {
      await db.campaign.delete({ where: { id: c.id } });
    }
  });

  // The database refuses the 3rd item of the launch, or its shared facts, written last.
  it.each(["ReviewItem", "ReviewFact"])("is all or nothing: a failure midway (%s) leaves no campaign, no items and no facts", async (table) => {
    const before = await rowCounts();
    const campaigns = await db.campaign.count();
    const items = await db.reviewItem.count();
    const facts = await db.reviewFact.count();
    const rows = table === "ReviewItem" ? items : facts;
    if (provider() === "postgresql") {
      await db.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION refuse_rows() RETURNS trigger AS $$ BEGIN IF (SELECT count(*) FROM "${table}") >= ${rows + 2} THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql`,
      );
      await db.$executeRawUnsafe(`CREATE TRIGGER refuse_rows BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_rows()`);
    } else {
      await db.$executeRawUnsafe(
        `CREATE TRIGGER refuse_rows BEFORE INSERT ON "${table}" WHEN (SELECT count(*) FROM "${table}") >= ${rows + 2} BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
      );
    }
    try {
      await expect(runCommand(launchCampaign, admin, campaign({ name: "Doomed", kinds: [] }))).rejects.toThrow(/disk full/);
    } finally {
      await db.$executeRawUnsafe(provider() === "postgresql" ? `DROP TRIGGER refuse_rows ON "${table}"` : `DROP TRIGGER refuse_rows`);
    }
    expect(await db.campaign.count()).toBe(campaigns);
    expect(await db.reviewItem.count()).toBe(items);
    expect(await db.reviewFact.count()).toBe(facts);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("deciding", () => {
  async function myItem(ctx: Ctx, where: Record<string, unknown> = {}) {
    return db.reviewItem.findFirstOrThrow({
      where: { stage1ReviewerId: ctx.userId, status: "STAGE1", stage1Decision: null, campaign: { status: "ACTIVE" }, ...where },
    });
  }

  it("refuses a decision on an item that is not the caller's, writing nothing", async () => {
    const item = await myItem(owner);
    const audit = await db.auditEvent.count();
    await expectAppError(runCommand(decideItem, admin, { itemId: item.id, decision: "APPROVE", comment: "not mine to decide" }), "NOT_FOUND");
    await expectAppError(runCommand(decideItem, exec, { itemId: item.id, decision: "APPROVE" }), "FORBIDDEN");
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).stage1Decision).toBeNull();
    expect(await db.auditEvent.count()).toBe(audit);
  });

  it("requires a comment to revoke", async () => {
    const item = await myItem(owner);
    const err = await expectAppError(runCommand(decideItem, owner, { itemId: item.id, decision: "REVOKE" }), "VALIDATION");
    expect(err.fieldErrors?.comment?.[0]).toMatch(/why you revoke/);
  });

  it("lets exactly one of two simultaneous decisions win; the other gets a conflict", async () => {
    const item = await myItem(owner);
    const results = await Promise.allSettled([
      runCommand(decideItem, owner, { itemId: item.id, version: item.version, decision: "REVOKE", comment: "No longer a partner" }),
      runCommand(decideItem, owner, { itemId: item.id, version: item.version, decision: "APPROVE", comment: "Still needed for quotes" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("CONFLICT");
    expect(rejected.reason.message).toMatch(/Someone else changed this item/);
    expect(await db.auditEvent.count({ where: { targetId: item.id, action: "review.decide" } })).toBe(1);
  });

  it("lets a reviewer change a draft decision until submitting, auditing every change", async () => {
    const item = await myItem(owner);
    await runCommand(decideItem, owner, { itemId: item.id, decision: "REVOKE", comment: "Looks unused" });
    await runCommand(decideItem, owner, { itemId: item.id, decision: "APPROVE", comment: "Checked with the partner team" });
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).stage1Decision).toBe("APPROVE");
    expect(await db.auditEvent.count({ where: { targetId: item.id, action: "review.decide" } })).toBe(2);
  });

  it("accepts each selected item's own recommendation in bulk, marked as bulk and audited item by item", async () => {
    const mine = await db.reviewItem.findMany({
      where: { stage1ReviewerId: owner.userId, status: "STAGE1", stage1Decision: null, campaign: { status: "ACTIVE" } },
      orderBy: { id: "asc" },
      take: 6,
    });
    expect(mine.length).toBeGreaterThan(1);
    const result = await runCommand(bulkDecide, owner, { itemIds: mine.map((i) => i.id), action: "ACCEPT" });
    expect(result.decided).toBe(mine.length);
    const after = await db.reviewItem.findMany({ where: { id: { in: mine.map((i) => i.id) } } });
    for (const item of after) {
      expect(item.stage1Decision).toBe(item.recommendation);
      expect(item.stage1Bulk).toBe(true);
      expect(item.stage1Comment).toBe(ACCEPTED_IN_BULK);
    }
    expect(await db.auditEvent.count({ where: { targetId: { in: mine.map((i) => i.id) }, action: "review.decide" } })).toBe(mine.length);
    // A one-by-one decision afterwards is no longer a bulk one.
    const first = after[0]!;
    await runCommand(decideItem, owner, { itemId: first.id, decision: "REVOKE", comment: "Checked: not needed any more" });
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: first.id } })).stage1Bulk).toBe(false);
  });

  it("refuses to bulk-approve items recommended for revocation without the override and a reason, changing nothing", async () => {
    const toRevoke = await db.reviewItem.findMany({
      where: { stage1ReviewerId: owner.userId, status: "STAGE1", stage1Decision: null, recommendation: "REVOKE", campaign: { status: "ACTIVE" } },
      take: 2,
    });
    expect(toRevoke.length).toBeGreaterThan(0);
    const itemIds = toRevoke.map((i) => i.id);
    const audit = await db.auditEvent.count();
    const noOverride = await expectAppError(runCommand(bulkDecide, owner, { itemIds, action: "APPROVE", comment: "All still needed" }), "VALIDATION");
    expect(noOverride.fieldErrors?.override?.[0]).toMatch(/recommended for revocation/);
    const noReason = await expectAppError(runCommand(bulkDecide, owner, { itemIds, action: "APPROVE", override: true }), "VALIDATION");
    expect(noReason.fieldErrors?.comment?.[0]).toMatch(/against the recommendation/);
    expect(await db.reviewItem.count({ where: { id: { in: itemIds }, stage1Decision: { not: null } } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(audit);

    const done = await runCommand(bulkDecide, owner, { itemIds, action: "APPROVE", override: true, comment: "Quarter-end jobs still need them" });
    expect(done.approved).toBe(itemIds.length);
    const events = await db.auditEvent.findMany({ where: { targetId: { in: itemIds }, action: "review.decide" }, select: { after: true } });
    expect(events.every((e) => JSON.stringify(e.after).includes('"override":true'))).toBe(true);
    // Put them back for the tests that follow.
    await db.reviewItem.updateMany({
      where: { id: { in: itemIds } },
      data: { stage1Decision: null, stage1Comment: null, stage1DecidedAt: null, stage1Bulk: false },
    });
  });

  it("refuses a batch naming an item outside the caller's queue, changing nothing", async () => {
    const mine = await myItem(owner);
    const theirs = await db.reviewItem.findFirstOrThrow({ where: { NOT: myOpenItems(owner.userId) } });
    const err = await expectAppError(runCommand(bulkDecide, owner, { itemIds: [mine.id, theirs.id], action: "ACCEPT" }), "VALIDATION");
    expect(err.message).toMatch(/no longer in your queue/);
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: mine.id } })).stage1Decision).toBeNull();
    await expectAppError(runCommand(bulkDecide, owner, { itemIds: [mine.id], action: "ACCEPT", extra: 1 }), "VALIDATION");
  });

  it("summarises every draft in the queue before submitting: counts and the live grants that change", async () => {
    const summary = await getDraftSummary(owner);
    const drafts = await db.reviewItem.findMany({
      where: { stage1ReviewerId: owner.userId, status: "STAGE1", stage1Decision: { not: null }, campaign: { status: "ACTIVE" } },
      select: { id: true, stage1Decision: true },
    });
    expect(summary.itemIds.toSorted()).toEqual(drafts.map((d) => d.id).toSorted());
    expect(summary.approved).toBe(drafts.filter((d) => d.stage1Decision === "APPROVE").length);
    expect(summary.revoked).toBe(drafts.filter((d) => d.stage1Decision === "REVOKE").length);
    // The demo campaign asks for sign-off on approvals only: revocations and reductions change grants at once.
    expect(summary.grantsChanging).toBe(summary.revoked + summary.reduced);
    await expectAppError(getDraftSummary(exec), "FORBIDDEN");
  });
});

describe("submitting, sign-off and remediation", () => {
  it("never lets stage 1's reviewer decide stage 2 of the same item", async () => {
    // An item that reached its first-stage reviewer at stage 2 anyway (as a reassignment once could).
    const item = await db.reviewItem.findFirstOrThrow({ where: { stage1ReviewerId: owner.userId, status: "STAGE1", campaign: { status: "ACTIVE" } } });
    await db.reviewItem.update({ where: { id: item.id }, data: { status: "STAGE2", stage1Decision: "APPROVE", stage2ReviewerId: owner.userId } });
    const audit = await db.auditEvent.count();
    const err = await expectAppError(runCommand(decideItem, owner, { itemId: item.id, decision: "APPROVE", comment: "Looks fine to me" }), "FORBIDDEN");
    expect(err.message).toMatch(/first stage/);
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).stage2Decision).toBeNull();
    expect(await db.auditEvent.count()).toBe(audit);
    await db.reviewItem.update({ where: { id: item.id }, data: { status: "STAGE1", stage1Decision: null, stage2ReviewerId: null } });
  });

  it("never lets a reviewer decide on a consumer they came to own, alone or in bulk", async () => {
    const item = await db.reviewItem.findFirstOrThrow({
      where: { stage1ReviewerId: owner.userId, status: "STAGE1", stage1Decision: null, campaign: { status: "ACTIVE" } },
    });
    const consumer = await db.consumer.findUniqueOrThrow({ where: { id: item.consumerId } });
    // The consumer changed hands after launch: its new owner is the item's reviewer.
    await db.consumer.update({ where: { id: consumer.id }, data: { ownerId: owner.userId } });
    try {
      const audit = await db.auditEvent.count();
      const single = await expectAppError(runCommand(decideItem, owner, { itemId: item.id, decision: "APPROVE", comment: "" }), "FORBIDDEN");
      expect(single.message).toMatch(/own this consumer/);
      const bulk = await expectAppError(runCommand(bulkDecide, owner, { itemIds: [item.id], action: "ACCEPT", comment: "" }), "FORBIDDEN");
      expect(bulk.message).toMatch(/you own the consumer/);
      expect((await db.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).stage1Decision).toBeNull();
      expect(await db.auditEvent.count()).toBe(audit);
    } finally {
      await db.consumer.update({ where: { id: consumer.id }, data: { ownerId: consumer.ownerId } });
    }
  });

  it("revokes and reduces live grants when the last stage closes, once", async () => {
    const open = await db.reviewItem.findMany({
      where: { stage1ReviewerId: owner.userId, status: "STAGE1", stage1Decision: null, campaign: { status: "ACTIVE" } },
      take: 2,
    });
    const [toRevoke, toReduce] = open;
    const reduceSnapshot = await readSnapshot(db, toReduce!);
    await runCommand(decideItem, owner, { itemId: toRevoke!.id, decision: "REVOKE", comment: "Partner contract ended" });
    if (reduceSnapshot.scopes.length > 1) {
      await runCommand(decideItem, owner, {
        itemId: toReduce!.id,
        decision: "REDUCE",
        keptScopeIds: [reduceSnapshot.scopes[0]!.id],
        comment: "Only the first scope is used",
      });
    } else {
      await runCommand(decideItem, owner, { itemId: toReduce!.id, decision: "REVOKE", comment: "Single scope, not needed" });
    }
    // APPROVALS_ONLY: revocations and reductions close at stage 1 and are remediated at once.
    const result = await runCommand(submitDecisions, owner, { itemIds: [toRevoke!.id, toReduce!.id] });
    expect(result.closed).toBe(2);
    expect((await db.grant.findUniqueOrThrow({ where: { id: toRevoke!.grantId } })).status).toBe("REVOKED");
    if (reduceSnapshot.scopes.length > 1) {
      expect(await db.grantScope.findMany({ where: { grantId: toReduce!.grantId }, select: { scopeId: true } })).toEqual([
        { scopeId: reduceSnapshot.scopes[0]!.id },
      ]);
    }
    const item = await db.reviewItem.findUniqueOrThrow({ where: { id: toRevoke!.id } });
    expect(item.remediatedAt).not.toBeNull();
    expect(item.remediation).toBe("Grant revoked");

    // Running remediation again changes nothing and writes nothing.
    const audit = await db.auditEvent.count();
    const grantBefore = await db.grant.findUniqueOrThrow({ where: { id: toRevoke!.grantId } });
    expect(await runCommand(remediateClosedItem, systemCtx("test"), { itemId: toRevoke!.id, now: new Date() })).toEqual({ remediated: false });
    expect(await db.grant.findUniqueOrThrow({ where: { id: toRevoke!.grantId } })).toEqual(grantBefore);
    expect(await db.auditEvent.count()).toBe(audit);
  });

  it("two runners remediating the same item at once apply it once", async () => {
    const item = await db.reviewItem.findFirstOrThrow({
      where: { stage1ReviewerId: owner.userId, status: "STAGE1", stage1Decision: null, campaign: { status: "ACTIVE" } },
    });
    await db.reviewItem.update({ where: { id: item.id }, data: { status: "CLOSED", stage1Decision: "REVOKE", stage1Comment: "closed by test" } });
    const runner = systemCtx("runner");
    const once = () =>
      runCommand(remediateClosedItem, runner, { itemId: item.id, now: new Date() }).then(
        (r) => r.remediated,
        () => false,
      );
    const results = await Promise.all([once(), once()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { targetId: item.grantId, action: "review.remediate" } })).toBe(1);
  });

  it("sends approvals to the consumer owner's manager, who signs off or overturns", async () => {
    const approved = await db.reviewItem.findMany({ where: { stage1ReviewerId: owner.userId, status: "STAGE1", stage1Decision: "APPROVE" } });
    expect(approved.length).toBeGreaterThan(0);
    await runCommand(submitDecisions, owner, { itemIds: approved.map((i) => i.id) });
    const forwarded = await db.reviewItem.findMany({ where: { id: { in: approved.map((i) => i.id) } } });
    expect(forwarded.every((i) => i.status === "STAGE2" && i.stage2ReviewerId && i.stage2ReviewerId !== owner.userId)).toBe(true);
    // Grants stay untouched until the manager's stage closes.
    expect(forwarded.every((i) => i.remediatedAt === null)).toBe(true);

    const managersItem = forwarded.find((i) => i.stage2ReviewerId === manager.userId) ?? forwarded[0];
    const reviewer =
      managersItem!.stage2ReviewerId === manager.userId
        ? manager
        : await ctxFor((await db.user.findUniqueOrThrow({ where: { id: managersItem!.stage2ReviewerId! } })).email);
    await expectAppError(runCommand(decideItem, owner, { itemId: managersItem!.id, decision: "APPROVE" }), "NOT_FOUND");
    // Separation of duties holds through reassignment: the sign-off never goes back to stage 1's reviewer.
    const back = await expectAppError(
      runCommand(decideItem, reviewer, { itemId: managersItem!.id, decision: "REASSIGN", reassignTo: owner.userId, comment: "Owner knows it best" }),
      "VALIDATION",
    );
    expect(back.fieldErrors?.reassignTo?.[0]).toMatch(/decided the first stage/);
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: managersItem!.id } })).stage2ReviewerId).toBe(reviewer.userId);
    await runCommand(decideItem, reviewer, { itemId: managersItem!.id, decision: "REVOKE", comment: "Overturned: partner offboarded" });
    await runCommand(submitDecisions, reviewer, { itemIds: [managersItem!.id] });
    expect((await db.grant.findUniqueOrThrow({ where: { id: managersItem!.grantId } })).status).toBe("REVOKED");
  });
});
