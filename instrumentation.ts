// Starts, inside the server process, background work every minute (reminders, due dates,
// expiry, remediation, findings, the audit chain's re-check), and every few seconds follows the
// audit log so findings and dashboards catch up with committed changes soon after they land.
// Background work is safe alongside `npm run jobs` and other instances: every unit of work is
// claimed before it is done. (The decision point runs as a process of its own:
// scripts/decision-point.ts.)
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // On PostgreSQL the console listens for change notifications without keeping a view: a change
  // made here returns once it has come back as one, that is once decision points were told.
  const { startLiveView } = await import("./lib/api/live-view");
  void startLiveView({ serve: false });
  const { env } = await import("./lib/server/env");
  if (env().BACKGROUND_JOBS === "off") return;
  const { runJobs } = await import("./lib/jobs/run");
  const { findingsBehind, refreshFindings } = await import("./lib/findings/jobs");
  const { logger } = await import("./lib/server/logger");
  const every = (ms: number, first: number, work: () => Promise<void>) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await work();
      } catch (error) {
        logger.error("background work failed", { error: error instanceof Error ? error.message : String(error) });
      } finally {
        running = false;
      }
    };
    setTimeout(tick, first).unref();
    setInterval(tick, ms).unref();
  };
  every(60_000, 5_000, async () => {
    const summary = await runJobs();
    if (Object.values(summary).some((n) => n > 0)) logger.info("background work", summary);
  });
  every(5_000, 10_000, async () => {
    if (await findingsBehind()) await refreshFindings(new Date());
  });
}
