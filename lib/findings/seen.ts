// "Last seen" of a finding. A recompute records its time once per rule (FindingRun) instead
// of rewriting every finding it saw again; an open finding was seen by its rule's latest run,
// a closed one carries the time of the last run that saw it.
import type { FindingRule, FindingStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";

type Seen = { rule: FindingRule; status: FindingStatus; lastSeenAt: Date };

/** The rows with each open finding's last-seen time set to its rule's latest run. */
export async function findingsSeen<T extends Seen>(rows: T[]): Promise<T[]> {
  if (!rows.some((r) => r.status === "OPEN")) return rows;
  const runs = new Map((await db.findingRun.findMany()).map((r) => [r.rule, r.at]));
  return rows.map((row) => {
    const run = row.status === "OPEN" ? runs.get(row.rule) : undefined;
    return run && run > row.lastSeenAt ? { ...row, lastSeenAt: run } : row;
  });
}
