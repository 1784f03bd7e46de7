// Findings and dashboard cells follow the catalogue. They are recomputed when a committed change
// touched what they read — read from the audit log past this job's cursor, so a change that
// rolled back never triggers one and every instance's changes do — at most every SPACING_MS,
// and every FINDINGS_REFRESH_MINUTES regardless. Also keeps today's metric snapshot.
import { cellsAsOf, refreshDashboards } from "@/lib/dashboard/cells";
import { snapshotDue, snapshotMetrics } from "@/lib/dashboard/metrics";
import { withLease } from "@/lib/locks/claim";
import { db } from "@/lib/server/db";
import { recomputeFindings } from "./engine";

export const FINDINGS_REFRESH_MINUTES = 10;
// A burst of edits on a large catalogue shares one recompute.
const SPACING_MS = 30_000;
// Longer than a recompute takes at a million grants; a crashed runner's lease ends by itself.
const LEASE_MS = 20 * 60_000;
const CURSOR = "findings.refresh";
// What findings and the dashboards read: a change to any of these may open or close a finding.
const WATCHED = ["Api", "Scope", "Consumer", "Credential", "Grant", "ReviewItem", "PolicySetting", "User", "JobRole"];

async function position() {
  const [head, cursor] = await Promise.all([
    db.auditHead.findUnique({ where: { id: 1 }, select: { seq: true } }),
    db.jobCursor.findUnique({ where: { name: CURSOR }, select: { position: true } }),
  ]);
  return { head: head?.seq ?? 0, cursor: cursor?.position ?? 0 };
}

/** Whether committed changes wait for the refresh: two one-row reads, cheap enough to ask every few seconds. */
export async function findingsBehind(): Promise<boolean> {
  const { head, cursor } = await position();
  return head > cursor;
}

/** Recomputes when a watched change committed since the last run, or the last run is old; returns the number of open findings, or 0. */
export async function refreshFindings(now: Date): Promise<number> {
  // One runner at a time; the need is checked under the lease, so a runner that waited its turn finds the work done.
  const open = await withLease(CURSOR, LEASE_MS, async () => {
    const { head, cursor } = await position();
    const last = await cellsAsOf();
    const age = last ? now.getTime() - last.getTime() : Infinity;
    const changed = head > cursor && (await db.auditEvent.count({ where: { seq: { gt: cursor, lte: head }, targetType: { in: WATCHED } } })) > 0;
    if (changed && age < SPACING_MS) return 0; // the next pass takes it
    if (!changed && age < FINDINGS_REFRESH_MINUTES * 60_000) {
      if (head > cursor) await moveCursor(head);
      return 0;
    }
    const summary = await recomputeFindings(now);
    await refreshDashboards(now);
    // Everything up to the head read before the recompute is reflected; later changes are past it.
    await moveCursor(head);
    return summary.reduce((sum, r) => sum + r.open, 0);
  });
  return open ?? 0;
}

async function moveCursor(position: number) {
  await db.jobCursor.upsert({ where: { name: CURSOR }, create: { name: CURSOR, position }, update: { position } });
}

export async function snapshotIfDue(now: Date): Promise<number> {
  return (await withLease("metrics.snapshot", LEASE_MS, async () => ((await snapshotDue(now)) ? snapshotMetrics(now) : 0))) ?? 0;
}
