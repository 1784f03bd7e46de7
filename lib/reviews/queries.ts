// Reads of campaigns and review queues. Every role may see campaigns and their progress
// (campaign.read); a reviewer's queue holds only the items assigned to them.
import type { Prisma } from "@/lib/generated/prisma/client";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { reachOf } from "@/lib/server/permissions";
import { notFound } from "@/lib/server/errors";
import { paged } from "@/lib/lists/params";
import { inBatches } from "@/lib/lists/where";
import { loadPolicy } from "@/lib/policy/policy";
import { itemFacts } from "./facts";
import { myOpenItems } from "./my-items";
import { bandOf, riskScale, type RiskScale } from "./risk-band";
import { RUBBER_STAMP, rubberStampFlags, type TimedDecision } from "./rubber-stamp";
import type { Snapshot } from "./schemas";
import { withSnapshots } from "./stored-snapshot";

export async function listCampaigns(ctx: Ctx, p: { page: number; pageSize: number }) {
  requirePermission(ctx, "campaign.read");
  const page = await paged(
    p,
    (window) =>
      db.campaign.findMany({
        orderBy: [{ status: "asc" }, { dueAt: "asc" }, { id: "asc" }],
        include: { createdBy: { select: { name: true } } },
        ...window,
      }),
    () => db.campaign.count(),
  );
  const counts = await db.reviewItem.groupBy({
    by: ["campaignId", "status"],
    where: { campaignId: { in: page.rows.map((c) => c.id) } },
    _count: { _all: true },
    orderBy: { campaignId: "asc" },
  });
  return {
    ...page,
    rows: page.rows.map((c) => {
      const mine = counts.filter((x) => x.campaignId === c.id);
      const total = mine.reduce((n, x) => n + x._count._all, 0);
      const closed = mine.find((x) => x.status === "CLOSED")?._count._all ?? 0;
      return { ...c, total, closed };
    }),
  };
}

/**
 * The timed one-by-one decisions of the reviewers who could be flagged for rubber-stamping
 * (bulk decisions are reported on their own, see bulkDecisions): counted in the database first, so that only those who approved everything, often enough, have their
 * decision times read (not every decided item of a large campaign).
 */
async function rubberStampCandidates(campaignId: string): Promise<TimedDecision[]> {
  const [stage1, stage2] = await Promise.all([
    db.reviewItem.groupBy({
      by: ["stage1ReviewerId", "stage1Decision"],
      where: { campaignId, stage1DecidedAt: { not: null }, stage1Decision: { not: null }, stage1Bulk: false },
      _count: { _all: true },
    }),
    db.reviewItem.groupBy({
      by: ["stage2ReviewerId", "stage2Decision"],
      where: { campaignId, stage2DecidedAt: { not: null }, stage2Decision: { not: null }, stage2Bulk: false },
      _count: { _all: true },
    }),
  ]);
  const tally = new Map<string, { decisions: number; allApproved: boolean }>();
  const add = (reviewerId: string | null, decision: string | null, n: number) => {
    if (!reviewerId) return;
    const seen = tally.get(reviewerId) ?? { decisions: 0, allApproved: true };
    tally.set(reviewerId, { decisions: seen.decisions + n, allApproved: seen.allApproved && decision === "APPROVE" });
  };
  for (const row of stage1) add(row.stage1ReviewerId, row.stage1Decision, row._count._all);
  for (const row of stage2) add(row.stage2ReviewerId, row.stage2Decision, row._count._all);
  const candidates = [...tally].filter(([, t]) => t.allApproved && t.decisions >= RUBBER_STAMP.minDecisions).map(([reviewerId]) => reviewerId);
  if (candidates.length === 0) return [];
  const [first, second] = await Promise.all([
    db.reviewItem.findMany({
      where: { campaignId, stage1ReviewerId: { in: candidates }, stage1DecidedAt: { not: null }, stage1Bulk: false },
      select: { stage1ReviewerId: true, stage1Decision: true, stage1DecidedAt: true },
    }),
    db.reviewItem.findMany({
      where: { campaignId, stage2ReviewerId: { in: candidates }, stage2DecidedAt: { not: null }, stage2Bulk: false },
      select: { stage2ReviewerId: true, stage2Decision: true, stage2DecidedAt: true },
    }),
  ]);
  return [
    ...first.flatMap((t) =>
      t.stage1ReviewerId && t.stage1Decision && t.stage1DecidedAt
        ? [{ reviewerId: t.stage1ReviewerId, decision: t.stage1Decision, decidedAt: t.stage1DecidedAt }]
        : [],
    ),
    ...second.flatMap((t) =>
      t.stage2ReviewerId && t.stage2Decision && t.stage2DecidedAt
        ? [{ reviewerId: t.stage2ReviewerId, decision: t.stage2Decision, decidedAt: t.stage2DecidedAt }]
        : [],
    ),
  ];
}

/** Decisions made in bulk, per reviewer and decision: shown apart from one-by-one decisions. */
async function bulkDecisions(campaignId: string) {
  const [stage1, stage2] = await Promise.all([
    db.reviewItem.groupBy({ by: ["stage1ReviewerId", "stage1Decision"], where: { campaignId, stage1Bulk: true }, _count: { _all: true } }),
    db.reviewItem.groupBy({ by: ["stage2ReviewerId", "stage2Decision"], where: { campaignId, stage2Bulk: true }, _count: { _all: true } }),
  ]);
  const tally = new Map<string, { reviewerId: string; approved: number; revoked: number; reduced: number }>();
  const add = (reviewerId: string | null, decision: string | null, n: number) => {
    if (!reviewerId) return;
    const row = tally.get(reviewerId) ?? { reviewerId, approved: 0, revoked: 0, reduced: 0 };
    if (decision === "APPROVE") row.approved += n;
    else if (decision === "REVOKE") row.revoked += n;
    else if (decision === "REDUCE") row.reduced += n;
    tally.set(reviewerId, row);
  };
  for (const row of stage1) add(row.stage1ReviewerId, row.stage1Decision, row._count._all);
  for (const row of stage2) add(row.stage2ReviewerId, row.stage2Decision, row._count._all);
  return [...tally.values()];
}

export async function getCampaignReport(ctx: Ctx, id: string) {
  requirePermission(ctx, "campaign.read");
  const campaign = await db.campaign.findUnique({ where: { id }, include: { createdBy: { select: { name: true, email: true } } } });
  if (!campaign) throw notFound("The campaign");
  const now = new Date();
  const [byStatus, byStage1, byStage2, byReviewer1, byReviewer2, remediated, highRisk] = await Promise.all([
    db.reviewItem.groupBy({ by: ["status"], where: { campaignId: id }, _count: { _all: true }, orderBy: { status: "asc" } }),
    db.reviewItem.groupBy({ by: ["stage1Decision"], where: { campaignId: id }, _count: { _all: true }, orderBy: { stage1Decision: "asc" } }),
    db.reviewItem.groupBy({
      by: ["stage2Decision"],
      where: { campaignId: id, stage2ReviewerId: { not: null } },
      _count: { _all: true },
      orderBy: { stage2Decision: "asc" },
    }),
    db.reviewItem.groupBy({ by: ["stage1ReviewerId", "status"], where: { campaignId: id }, _count: { _all: true }, orderBy: { stage1ReviewerId: "asc" } }),
    db.reviewItem.groupBy({
      by: ["stage2ReviewerId", "status"],
      where: { campaignId: id, stage2ReviewerId: { not: null } },
      _count: { _all: true },
      orderBy: { stage2ReviewerId: "asc" },
    }),
    db.reviewItem.count({ where: { campaignId: id, remediatedAt: { not: null } } }),
    db.reviewItem.count({ where: { campaignId: id, isHighRisk: true } }),
  ]);
  const [flags, bulk] = await Promise.all([rubberStampCandidates(id).then(rubberStampFlags), bulkDecisions(id)]);
  const reviewerIds = [
    ...new Set(
      [...byReviewer1.map((r) => r.stage1ReviewerId), ...byReviewer2.map((r) => r.stage2ReviewerId), ...bulk.map((b) => b.reviewerId)].filter(
        (x): x is string => Boolean(x),
      ),
    ),
  ];
  const reviewers = await db.user.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, name: true } });
  const nameOf = new Map(reviewers.map((r) => [r.id, r.name]));
  const perReviewer = (rows: { status: string; _count: { _all: number } }[], reviewerId: string | null, stage: 1 | 2) => {
    const total = rows.reduce((n, r) => n + r._count._all, 0);
    const pending = rows.filter((r) => r.status === (stage === 1 ? "STAGE1" : "STAGE2")).reduce((n, r) => n + r._count._all, 0);
    return { reviewerId, name: reviewerId ? (nameOf.get(reviewerId) ?? "—") : "Unassigned", stage, total, done: total - pending, pending };
  };
  const group = <T extends { status: string; _count: { _all: number } }>(rows: T[], key: (r: T) => string | null) => {
    const map = new Map<string | null, T[]>();
    for (const r of rows) {
      const list = map.get(key(r));
      if (list) list.push(r);
      else map.set(key(r), [r]);
    }
    return map;
  };
  const reviewerRows = [
    ...[...group(byReviewer1, (r) => r.stage1ReviewerId)].map(([rid, rows]) => perReviewer(rows, rid, 1)),
    ...[...group(byReviewer2, (r) => r.stage2ReviewerId)].map(([rid, rows]) => perReviewer(rows, rid, 2)),
  ];
  const total = byStatus.reduce((n, r) => n + r._count._all, 0);
  const count = (status: string) => byStatus.find((r) => r.status === status)?._count._all ?? 0;
  return {
    campaign,
    total,
    stage1Open: count("STAGE1"),
    stage2Open: count("STAGE2"),
    closed: count("CLOSED"),
    remediated,
    highRisk,
    overdue: campaign.status === "ACTIVE" && campaign.dueAt < now ? count("STAGE1") + count("STAGE2") : 0,
    decisions: byStage1.map((r) => ({ decision: r.stage1Decision ?? "UNDECIDED", count: r._count._all })),
    signOffs: byStage2.map((r) => ({ decision: r.stage2Decision ?? "UNDECIDED", count: r._count._all })),
    reviewers: reviewerRows,
    rubberStamping: flags.map((f) => ({ ...f, name: nameOf.get(f.reviewerId) ?? "—" })),
    bulkDecisions: bulk.map((b) => ({ ...b, name: nameOf.get(b.reviewerId) ?? "—" })),
  };
}

const itemRow = {
  id: true,
  status: true,
  snapshot: true,
  riskScore: true,
  isHighRisk: true,
  recommendation: true,
  reasons: true,
  unchanged: true,
  stage1Decision: true,
  stage1Comment: true,
  stage1DecidedAt: true,
  stage1HandOff: true,
  stage2Decision: true,
  stage2Comment: true,
  stage2DecidedAt: true,
  stage2HandOff: true,
  keptScopeIds: true,
  outcome: true,
  remediatedAt: true,
  remediation: true,
  version: true,
  stage1Reviewer: { select: { id: true, name: true } },
  stage2Reviewer: { select: { id: true, name: true } },
  campaign: { select: { id: true, name: true, dueAt: true, stage2Enabled: true } },
} satisfies Prisma.ReviewItemSelect;

export type ReviewItemRow = Prisma.ReviewItemGetPayload<{ select: typeof itemRow }>;

const itemOrder: Prisma.ReviewItemOrderByWithRelationInput[] = [{ unchanged: "asc" }, { riskScore: "desc" }, { id: "asc" }];

export async function listCampaignItems(ctx: Ctx, campaignId: string, p: { page: number; pageSize: number }) {
  requirePermission(ctx, "campaign.read");
  const where = { campaignId };
  const [page, campaign] = await Promise.all([
    paged(
      p,
      (window) => db.reviewItem.findMany({ where, select: itemRow, orderBy: itemOrder, ...window }),
      () => db.reviewItem.count({ where }),
    ),
    db.campaign.findUnique({ where: { id: campaignId }, select: { createdById: true } }),
  ]);
  const readable = commentReader(ctx, campaign?.createdById ?? null);
  return { ...page, rows: (await toInboxItems(page.rows)).map((item) => (readable(item) ? item : withoutComments(item))) };
}

/**
 * Whether the caller may read an item's comments and hand-off notes (the permission table's
 * `review.comments.read`): everyone with "all"; with "own", the campaign's creator and the
 * item's own reviewers.
 */
function commentReader(ctx: Ctx, campaignCreatorId: string | null) {
  const reach = reachOf(ctx.roles, "review.comments.read");
  return (item: Pick<ReviewItemRow, "stage1Reviewer" | "stage2Reviewer">) =>
    reach === "all" ||
    (reach === "own" && (campaignCreatorId === ctx.userId || item.stage1Reviewer?.id === ctx.userId || item.stage2Reviewer?.id === ctx.userId));
}

function withoutComments<T extends InboxItem>(item: T): T {
  return { ...item, stage1Comment: null, stage2Comment: null, stage1HandOff: null, stage2HandOff: null };
}

/**
 * Evidence export: auditors, executives and admins for any campaign; an owner for campaigns they
 * created. A campaign the caller may not export reads as not found, as its evidence page does,
 * rather than as an empty file.
 */
export async function exportCampaignItems(ctx: Ctx, campaignId: string) {
  const reach = requirePermission(ctx, "report.export");
  const visible = await db.campaign.count({ where: { id: campaignId, ...(reach === "own" && { createdById: ctx.userId }) } });
  if (!visible) throw notFound("The campaign");
  const where: Prisma.ReviewItemWhereInput = { campaignId };
  return inBatches(async (window) => toInboxItems(await db.reviewItem.findMany({ where, select: itemRow, orderBy: itemOrder, ...window })));
}

/** How risk is spread over the organisation's current reviews (items of active campaigns): what a band means. */
export async function currentRiskScale(): Promise<RiskScale> {
  const rows = await db.reviewItem.groupBy({
    by: ["riskScore"],
    where: { campaign: { status: "ACTIVE" } },
    _count: { _all: true },
    orderBy: { riskScore: "desc" },
  });
  return riskScale(rows.map((r) => ({ score: r.riskScore, count: r._count._all })));
}

/**
 * The caller's queue across campaigns: riskiest first, items unchanged since their last
 * approval last. Each item carries its risk band and its facts as labelled values.
 */
export async function getInbox(ctx: Ctx, p: { page: number; pageSize: number; campaignId?: string }) {
  requirePermission(ctx, "review.decide");
  const where = { ...myOpenItems(ctx.userId), ...(p.campaignId && { campaignId: p.campaignId }) };
  const [page, scale, policy] = await Promise.all([
    paged(
      p,
      (window) => db.reviewItem.findMany({ where, select: itemRow, orderBy: itemOrder, ...window }),
      () => db.reviewItem.count({ where }),
    ),
    currentRiskScale(),
    loadPolicy(db),
  ]);
  const now = new Date();
  const rows = (await toInboxItems(page.rows)).map((item) => ({ ...item, band: bandOf(item.riskScore, scale), facts: itemFacts(item.snapshot, policy, now) }));
  return { ...page, rows, scale };
}
export type QueueItem = Awaited<ReturnType<typeof getInbox>>["rows"][number];

/** Items as the screens and exports show them: the snapshot at launch put together, times as text. */
async function toInboxItems(rows: ReviewItemRow[]) {
  const pairs = await withSnapshots(
    db,
    rows.map((row) => ({ campaignId: row.campaign.id, snapshot: row.snapshot, row })),
  );
  return pairs.map(([{ row }, snapshot]) => toInboxItem(row, snapshot));
}

function toInboxItem(row: ReviewItemRow, snapshot: Snapshot) {
  return {
    ...row,
    snapshot,
    reasons: (row.reasons as string[]) ?? [],
    keptScopeIds: Array.isArray(row.keptScopeIds) ? (row.keptScopeIds as string[]) : [],
    campaign: { ...row.campaign, dueAt: row.campaign.dueAt.toISOString() },
    stage1DecidedAt: row.stage1DecidedAt?.toISOString() ?? null,
    stage2DecidedAt: row.stage2DecidedAt?.toISOString() ?? null,
    remediatedAt: row.remediatedAt?.toISOString() ?? null,
  };
}
export type InboxItem = ReturnType<typeof toInboxItem>;

/** People an item may be reassigned to: active reviewers. Ownership of the consumer is checked on decision. */
export async function listReviewers(ctx: Ctx) {
  requirePermission(ctx, "review.decide");
  return db.user.findMany({
    where: { active: true, roles: { some: { role: { in: ["OWNER", "MANAGER", "ADMIN"] } } }, NOT: { id: ctx.userId } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
