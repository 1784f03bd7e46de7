// Scheduled findings work: recompute findings and the dashboard cells when the last run is
// older than the refresh interval (changes between runs ask for a refresh of their own), and
// keep today's metric snapshot.
import { refreshDashboards } from "@/lib/dashboard/cells";
import { snapshotDue, snapshotMetrics } from "@/lib/dashboard/metrics";
import { db } from "@/lib/server/db";
import { recomputeFindings } from "./engine";

export const FINDINGS_REFRESH_MINUTES = 10;

/** Recomputes when no finding was seen in the last interval; returns the number of open findings written, or 0. */
export async function refreshFindingsIfStale(now: Date): Promise<number> {
  const { _max } = await db.finding.aggregate({ _max: { lastSeenAt: true } });
  if (_max.lastSeenAt && now.getTime() - _max.lastSeenAt.getTime() < FINDINGS_REFRESH_MINUTES * 60_000) return 0;
  const summary = await recomputeFindings(now);
  await refreshDashboards(now);
  return summary.reduce((sum, r) => sum + r.open, 0);
}

export async function snapshotIfDue(now: Date): Promise<number> {
  return (await snapshotDue(now)) ? snapshotMetrics(now) : 0;
}
