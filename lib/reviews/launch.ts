// Selecting and launching access-review campaigns. Authorization invariant: an OWNER's
// campaign covers only grants on APIs they own (the ownership sits in the selection's
// `where`); an ADMIN's may cover any grant. The launch runs inside its command's transaction
// (commands/launch-campaign.ts), so the campaign and every item are written all or nothing.
import { counted } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditEntry } from "@/lib/audit/service";
import { loadPolicy } from "@/lib/policy/policy";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db, provider, type Tx } from "@/lib/server/db";
import { readBeside, rowsIn } from "@/lib/server/driver";
import { conflict, invalid } from "@/lib/server/errors";
import type { Reach } from "@/lib/server/permissions";
import { parseInput } from "@/lib/server/validation";
import { defined, runsOf } from "@/lib/lists/where";
import { bulkInsert, insertRows, type Column } from "@/lib/server/bulk-insert";
import { assignStage1 } from "./assign";
import { loadDirectory } from "@/lib/org-chart/directory";
import { nextCampaignStatus } from "./item-state";
import { activeOverlap, describeOverlap } from "./overlap";
import { type CampaignInput, selectionSchema, type Selection } from "./schemas";
import { createGrantReader, freeze, type FrozenItem, type GrantForReview, reviewFingerprint } from "./snapshot";
import { factRows, newFacts, splitSnapshot, withSnapshots } from "./stored-snapshot";

const DAY = 86_400_000;
const ITEM_COLUMNS: Column[] = [
  { name: "campaignId", type: "text" },
  { name: "grantId", type: "text" },
  { name: "consumerId", type: "text" },
  { name: "apiId", type: "text" },
  { name: "snapshot", type: "json" },
  { name: "riskScore", type: "int" },
  { name: "isHighRisk", type: "bool" },
  { name: "recommendation", type: { enum: "Recommendation" } },
  { name: "reasons", type: "json" },
  { name: "keptScopeIds", type: "json" },
  { name: "unchanged", type: "bool" },
  { name: "stage1ReviewerId", type: "text" },
  { name: "stage1HandOff", type: "text" },
];
const FACT_COLUMNS: Column[] = [
  { name: "campaignId", type: "text" },
  { name: "key", type: "text" },
  { name: "body", type: "json" },
];

/**
 * Grants read at a time at launch. On PostgreSQL each read is a round trip, so batches are
 * large; on SQLite a read is a call within the process, and batches small enough to be done
 * between two of V8's young-generation collections leave no garbage to the old one (the
 * launch's peak memory, 480 MB with 2,500, is 430-465 MB with 500, at the same speed).
 */
export const launchBatch = () => (provider() === "postgresql" ? 2500 : 500);
/** Grants frozen at a time within a batch, as its insert takes them. */
const FREEZE_RUN = 500;

/** Whose review it is: the reach the permission table gives them over campaigns. */
export type Reviewer = { userId: string; reach: Reach };

/** The grants a selection covers, limited to what the reviewer may review. */
export function selectionWhere(reviewer: Reviewer, selection: Selection, now: Date): Prisma.GrantWhereInput {
  const api = defined({
    id: selection.apiIds.length ? { in: selection.apiIds } : undefined,
    ownerId: reviewer.reach === "own" ? reviewer.userId : undefined,
  });
  const consumer = defined({
    kind: selection.kinds.length ? { in: selection.kinds } : undefined,
    teamId: selection.teamIds.length ? { in: selection.teamIds } : undefined,
  });
  const notReviewedSince = selection.notReviewedDays ? new Date(now.getTime() - selection.notReviewedDays * DAY) : undefined;
  return defined({
    status: "ACTIVE" as const,
    api: Object.keys(api).length ? api : undefined,
    consumer: Object.keys(consumer).length ? consumer : undefined,
    findings: selection.hasFinding ? { some: { status: "OPEN" as const } } : undefined,
    createdAt: selection.olderThanDays ? { lt: new Date(now.getTime() - selection.olderThanDays * DAY) } : undefined,
    OR: notReviewedSince ? [{ lastReviewedAt: null }, { lastReviewedAt: { lt: notReviewedSince } }] : undefined,
  });
}

export async function previewCampaign(ctx: Ctx, raw: unknown) {
  const reach = requirePermission(ctx, "campaign.manage");
  const selection = parseInput(selectionSchema, raw);
  const now = new Date();
  const where = selectionWhere({ userId: ctx.userId, reach }, selection, now);
  const policy = await loadPolicy(db);
  const [count, first, overlap] = await Promise.all([
    db.grant.count({ where }),
    db.grant.findMany({ where, select: { id: true }, orderBy: { id: "asc" }, take: 10 }),
    activeOverlap(db, where),
  ]);
  const sample = await createGrantReader(readBeside)(first.map((g) => g.id));
  return {
    count,
    overlap: overlap.grants ? describeOverlap(overlap) : null,
    sample: freeze(sample, policy, now).map((item) => ({
      grantId: item.grantId,
      consumer: item.snapshot.consumer.name,
      kind: item.snapshot.consumer.kind,
      api: item.snapshot.api.name,
      scopes: item.snapshot.scopes.map((s) => s.name),
      recommendation: item.judged.recommendation,
      reason: item.judged.reasons[0] ?? "",
      isHighRisk: item.judged.isHighRisk,
    })),
  };
}

/**
 * Launches a campaign inside the caller's transaction: a new one, or (draftId) a scheduled run
 * waiting as a DRAFT, claimed with a conditional update so that only one runner launches it.
 * Returns the campaign, its item count and the launch's audit event.
 */
export async function launchInTransaction(
  tx: Tx,
  reviewer: Reviewer,
  input: CampaignInput,
  options: { previousRunId?: string; draftId?: string; launchKey?: string } = {},
) {
  const { apiIds, teamIds, kinds, hasFinding, notReviewedDays, olderThanDays, ...settings } = input;
  const selection: Selection = { apiIds, teamIds, kinds, hasFinding, notReviewedDays, olderThanDays };
  const now = new Date();
  const where = selectionWhere(reviewer, selection, now);
  if (apiIds.length) {
    // Naming an API one may not review is refused outright, not silently dropped from the selection.
    const allowed = await tx.api.count({ where: { id: { in: apiIds }, ...(reviewer.reach === "own" && { ownerId: reviewer.userId }) } });
    if (allowed !== new Set(apiIds).size) throw invalid("Some fields need attention.", { apiIds: ["You can only review APIs you own"] });
  }
  // The selection is applied once; every batch after is read by its ids.
  const selected = (await tx.grant.findMany({ where, select: { id: true }, orderBy: { id: "asc" } })).map((g) => g.id);
  if (selected.length === 0) throw invalid("Some fields need attention.", { _form: ["No active grant matches this selection: widen it before launching."] });
  const data = { ...settings, selection: JSON.parse(JSON.stringify(selection)), status: nextCampaignStatus("DRAFT", "launch")!, launchedAt: now };
  let campaign;
  if (options.draftId) {
    const { count } = await tx.campaign.updateMany({ where: { id: options.draftId, status: "DRAFT" }, data });
    if (count === 0) throw conflict("This scheduled run was launched already.");
    campaign = await tx.campaign.findUniqueOrThrow({ where: { id: options.draftId } });
  } else {
    campaign = await tx.campaign.create({
      data: { ...data, createdById: reviewer.userId, previousRunId: options.previousRunId ?? null, launchKey: options.launchKey ?? null },
    });
  }
  // One after another: a transaction is one connection, which takes one query at a time.
  const policy = await loadPolicy(tx);
  const directory = await loadDirectory(tx);
  const previous = await previousApprovals(tx, campaign.previousRunId ?? undefined);
  let handOffs = 0;
  let inserted = 0;
  // On PostgreSQL the next batch is read beside the transaction while this one is written (its
  // connection takes one statement at a time, and the reads were a third of a launch). Grants,
  // scopes and findings are not what the launch writes, and under READ COMMITTED the
  // transaction's own connection would read the same committed rows.
  const ahead = provider() === "postgresql";
  const read = createGrantReader(ahead ? readBeside : rowsIn(tx));
  const facts = newFacts();
  const itemRow = (item: FrozenItem) => {
    const stage1 = assignStage1(directory, item.apiOwnerId, item.consumerOwnerId);
    if (stage1.handOff) handOffs++;
    return {
      campaignId: campaign.id,
      grantId: item.grantId,
      consumerId: item.consumerId,
      apiId: item.apiId,
      snapshot: splitSnapshot(item.snapshot, facts),
      riskScore: item.judged.riskScore,
      isHighRisk: item.judged.isHighRisk,
      recommendation: item.judged.recommendation,
      reasons: item.judged.reasons,
      keptScopeIds: item.judged.recommendation === "REDUCE" ? item.judged.keepScopeIds : null,
      unchanged: previous.size > 0 && previous.get(item.grantId) === reviewFingerprint(item.snapshot),
      stage1ReviewerId: stage1.reviewerId,
      stage1HandOff: stage1.handOff,
    };
  };
  // Items are frozen as the insert asks for them: on PostgreSQL the server stores one run of
  // rows while the next is frozen, and no batch's items are all held at once.
  const rows = function* (grants: GrantForReview[]) {
    for (const run of runsOf(grants, FREEZE_RUN)) yield* freeze(run, policy, now).map(itemRow);
  };
  const batches = [...runsOf(selected, launchBatch())];
  let next = read(batches[0] ?? []);
  for (let i = 0; i < batches.length; i++) {
    const grants = await next;
    const following = () => read(batches[i + 1] ?? []);
    if (ahead) {
      next = following();
      // A read ahead that fails is reported when its batch is awaited, not as unhandled when the write fails first.
      next.catch(() => undefined);
    }
    inserted += await bulkInsert(tx, "ReviewItem", ITEM_COLUMNS, rows(grants), now);
    // On SQLite a read is a call within the process: one batch at a time keeps the launch's memory low.
    if (!ahead) next = following();
  }
  await insertRows(
    tx,
    "ReviewFact",
    FACT_COLUMNS,
    Array.from(factRows(facts), ([key, body]) => ({ campaignId: campaign.id, key, body })),
  );
  const audit: AuditEntry = {
    action: "campaign.launch",
    targetType: "Campaign",
    targetId: campaign.id,
    summary: `Launched campaign "${campaign.name}" over ${counted(inserted, "grant")}; ${counted(handOffs, "item")} handed off for separation of duties`,
    after: { ...campaign, items: inserted },
  };
  return { campaign, items: inserted, audit };
}

/** Fingerprints of the grants approved in the previous run, to mark what has not changed since. */
async function previousApprovals(tx: Tx, previousRunId: string | undefined): Promise<Map<string, string>> {
  if (!previousRunId) return new Map();
  const items = await tx.reviewItem.findMany({
    where: { campaignId: previousRunId, status: "CLOSED", OR: [{ stage2Decision: "APPROVE" }, { stage2Decision: null, stage1Decision: "APPROVE" }] },
    select: { grantId: true, campaignId: true, snapshot: true },
  });
  return new Map((await withSnapshots(tx, items)).map(([item, snapshot]) => [item.grantId, reviewFingerprint(snapshot)]));
}
