// One pass of background work. `npm run jobs` runs it once (for a cron); the server runs it
// on a timer. Each step is safe to run again and alongside another runner.
import { recoverCsvImports } from "@/lib/catalogue/csv-jobs";
import { expireGrantScopes, expireGrants, noticeExpiringAccess } from "@/lib/catalogue/expiry";
import { verifyAuditIfDue } from "@/lib/audit/checkpoint";
import { refreshFindings, snapshotIfDue } from "@/lib/findings/jobs";
import { applyDueDates, completeAndSchedule, launchScheduled, remediatePending, sendReminders } from "@/lib/reviews/jobs";

export type JobSummary = {
  expiredGrants: number;
  expiredScopes: number;
  expiryNotices: number;
  launched: number;
  reminders: number;
  dueApplied: number;
  remediated: number;
  completed: number;
  scheduled: number;
  findings: number;
  snapshots: number;
  auditChecks: number;
  recoveredImports: number;
};

export async function runJobs(now = new Date()): Promise<JobSummary> {
  const expiredGrants = await expireGrants(now);
  const expiredScopes = await expireGrantScopes(now);
  const expiryNotices = await noticeExpiringAccess(now);
  const launched = await launchScheduled(now);
  const reminders = await sendReminders(now);
  const dueApplied = await applyDueDates(now);
  const remediated = await remediatePending(now);
  const { completed, scheduled } = await completeAndSchedule(now);
  // Findings last: they read what the steps above changed.
  const findings = await refreshFindings(now);
  const snapshots = await snapshotIfDue(now);
  const auditChecks = await verifyAuditIfDue(now);
  // CSV imports cut short by a stopped server are taken back.
  const recoveredImports = await recoverCsvImports(now);
  return {
    expiredGrants,
    expiredScopes,
    expiryNotices,
    findings,
    snapshots,
    launched,
    reminders,
    dueApplied,
    remediated,
    completed,
    scheduled,
    auditChecks,
    recoveredImports,
  };
}
