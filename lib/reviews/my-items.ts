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

type SeparationFacts = { status: string; stage1ReviewerId: string | null; consumerOwnerId: string | null };

/**
 * Separation of duties on an item in someone's queue, however it got there (launch, reassignment,
 * a change of owner since): nobody decides on access for a consumer they own, and nobody signs
 * off the second stage of an item whose first stage they decided. They may still hand it on.
 */
export function separationProblem(userId: string, item: SeparationFacts): string | null {
  if (item.consumerOwnerId === userId) return "You own this consumer: a decision on its access must come from someone else. Reassign it.";
  if (item.status === "STAGE2" && item.stage1ReviewerId === userId)
    return "You decided this item's first stage: its sign-off must come from someone else. Reassign it.";
  return null;
}
