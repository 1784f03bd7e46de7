// Authorization invariant of reviewing: a reviewer acts only on items that sit in the stage
// they review, name them as that stage's reviewer, in an active campaign. Queries and
// commands put this into their `where`, so anyone else's item reads as "not found".
import type { Prisma } from "@/lib/generated/prisma/client";

export function myOpenItems(userId: string): Prisma.ReviewItemWhereInput {
  return {
    campaign: { status: "ACTIVE" },
    OR: [
      { status: "STAGE1", stage1ReviewerId: userId },
      { status: "STAGE2", stage2ReviewerId: userId },
    ],
  };
}
