// Reading findings: the /findings list (every console role reads risk), its CSV export and
// the open findings shown on each entity's page.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ConsumerKind, FindingRule, FindingStatus, Severity } from "@/lib/generated/prisma/enums";
import { optionalEnum, optionalId, paged, pageParams, type Page } from "@/lib/lists/params";
import { inBatches } from "@/lib/lists/where";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { containsText, db } from "@/lib/server/db";
import { findingsSeen } from "./seen";

export const findingListParams = pageParams.extend({
  sort: z.enum(["lastSeenAt", "firstSeenAt", "rule", "nhi"]).catch("firstSeenAt").default("firstSeenAt"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  status: z.enum(FindingStatus).catch("OPEN").default("OPEN"),
  rule: optionalEnum(FindingRule),
  severity: optionalEnum(Severity),
  nhi: z
    .string()
    .regex(/^NHI(10|[1-9]):2025$/)
    .optional()
    .catch(undefined),
  kind: optionalEnum(ConsumerKind),
  apiId: optionalId,
  teamId: optionalId,
  consumerId: optionalId,
});
export type FindingListParams = z.infer<typeof findingListParams>;

function findingWhere(p: FindingListParams): Prisma.FindingWhereInput {
  const and: Prisma.FindingWhereInput[] = [{ status: p.status }];
  if (p.rule) and.push({ rule: p.rule });
  if (p.severity) and.push({ severity: p.severity });
  if (p.nhi) and.push({ nhi: p.nhi });
  if (p.kind) and.push({ consumer: { kind: p.kind } });
  if (p.teamId) and.push({ teamId: p.teamId });
  if (p.consumerId) and.push({ consumerId: p.consumerId });
  if (p.apiId) and.push({ OR: [{ apiId: p.apiId }, { grant: { apiId: p.apiId } }] });
  if (p.q) and.push({ OR: [{ explanation: containsText(p.q) }, { consumer: { name: containsText(p.q) } }, { api: { name: containsText(p.q) } }] });
  return { AND: and };
}

const findingRow = {
  id: true,
  rule: true,
  severity: true,
  nhi: true,
  status: true,
  explanation: true,
  firstSeenAt: true,
  lastSeenAt: true,
  closedAt: true,
  consumer: { select: { id: true, name: true, kind: true, team: { select: { name: true } } } },
  credential: { select: { id: true, label: true } },
  grant: { select: { id: true, api: { select: { id: true, name: true } } } },
  api: { select: { id: true, name: true } },
} satisfies Prisma.FindingSelect;
export type FindingRow = Prisma.FindingGetPayload<{ select: typeof findingRow }>;

const order = (p: FindingListParams): Prisma.FindingOrderByWithRelationInput[] => [{ [p.sort]: p.dir }, { id: "asc" }];

export async function listFindings(ctx: Ctx, p: FindingListParams): Promise<Page<FindingRow>> {
  requirePermission(ctx, "dashboard.read");
  const where = findingWhere(p);
  return paged(
    p,
    async (window) => findingsSeen(await db.finding.findMany({ where, orderBy: order(p), select: findingRow, ...window })),
    () => db.finding.count({ where }),
  );
}

export function exportFindings(ctx: Ctx, p: FindingListParams) {
  requirePermission(ctx, "dashboard.read");
  const where = findingWhere(p);
  return inBatches(async (window) => findingsSeen(await db.finding.findMany({ where, orderBy: order(p), select: findingRow, ...window })));
}

/** Open findings about one entity, most severe first, for its page. */
export async function openFindingsFor(ctx: Ctx, about: { consumerId?: string; grantId?: string; apiId?: string; credentialIds?: string[] }) {
  requirePermission(ctx, "catalog.read");
  const or: Prisma.FindingWhereInput[] = [];
  if (about.consumerId) or.push({ consumerId: about.consumerId });
  if (about.grantId) or.push({ grantId: about.grantId });
  if (about.apiId) or.push({ apiId: about.apiId, grantId: null });
  if (about.credentialIds?.length) or.push({ credentialId: { in: about.credentialIds } });
  const rows = await findingsSeen(
    await db.finding.findMany({ where: { status: "OPEN", OR: or }, select: findingRow, take: 200, orderBy: [{ firstSeenAt: "desc" }, { id: "asc" }] }),
  );
  const rank = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as const;
  return rows.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
