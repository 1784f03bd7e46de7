// Grants a new campaign would review that an active campaign is reviewing already. Two
// campaigns deciding the same grant at once give reviewers twice the work and the grant two
// answers, so a launch over them asks first.
import { counted } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/server/db";

export type Overlap = { grants: number; campaigns: { id: string; name: string }[] };

const underReview: Prisma.ReviewItemWhereInput = { status: { in: ["STAGE1", "STAGE2"] }, campaign: { status: "ACTIVE" } };

export async function activeOverlap(db: Db | Tx, selected: Prisma.GrantWhereInput): Promise<Overlap> {
  const grants = await db.grant.count({ where: { AND: [selected, { items: { some: underReview } }] } });
  if (grants === 0) return { grants, campaigns: [] };
  const campaigns = await db.campaign.findMany({
    where: { status: "ACTIVE", items: { some: { ...underReview, grant: selected } } },
    select: { id: true, name: true },
    orderBy: { createdAt: "asc" },
    take: 5,
  });
  return { grants, campaigns };
}

export function describeOverlap({ grants, campaigns }: Overlap): string {
  const names = campaigns.map((c) => `“${c.name}”`).join(", ");
  return `${counted(grants, "grant")} of this selection ${grants === 1 ? "is" : "are"} under review already in ${names}. Tick “Launch anyway” to review ${grants === 1 ? "it" : "them"} twice, or narrow the selection.`;
}
