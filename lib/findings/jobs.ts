// Scheduled findings work: recompute findings and the dashboard cells when the last run is
// older than the refresh interval (changes between runs ask for a refresh of their own), and
// keep today's metric snapshot.
import { cellsAsOf, refreshDashboards } from "@/lib/dashboard/cells";
import { snapshotDue, snapshotMetrics } from "@/lib/dashboard/metrics";
import { withLease } from "@/lib/jobs/claim";
import { recomputeFindings } from "./engine";

export const FINDINGS_REFRESH_MINUTES = 10;
// Longer than a recompute takes at a million grants; a crashed runner's lease ends by itself.
const LEASE_MS = 20 * 60_000;

/** Recomputes when the last recompute is older than the interval; returns the number of open findings, or 0. */
export async function refreshFindingsIfStale(now: Date): Promise<number> {
  // One runner at a time recomputes; the staleness is checked under the lease, so a runner
  // that waited its turn finds the work done.
  const open = await withLease("findings.refresh", LEASE_MS, async () => {
    // The cells are recomputed right after the findings: their time is the last run's, read
    // from one row instead of the newest of millions of findings.
    const last = await cellsAsOf();
    if (last && now.getTime() - last.getTime() < FINDINGS_REFRESH_MINUTES * 60_000) return 0;
    const summary = await recomputeFindings(now);
    await refreshDashboards(now);
    return summary.reduce((sum, r) => sum + r.open, 0);
  });
  return open ?? 0;
}

export async function snapshotIfDue(now: Date): Promise<number> {
  return (await withLease("metrics.snapshot", LEASE_MS, async () => ((await snapshotDue(now)) ? snapshotMetrics(now) : 0))) ?? 0;
}
