// Starts, inside the server process, background work every minute (reminders, due dates,
// expiry, remediation). Background work is safe alongside `npm run jobs` and other instances:
// every unit of work is claimed before it is done. (The decision point runs as a process of
// its own: scripts/decision-point.ts.)
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/server/env");
  if (env().BACKGROUND_JOBS === "off") return;
  const { runJobs } = await import("./lib/jobs/run");
  const { enableFindingsRefresh } = await import("./lib/findings/engine");
  enableFindingsRefresh();
  const { logger } = await import("./lib/server/logger");
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const summary = await runJobs();
      if (Object.values(summary).some((n) => n > 0)) logger.info("background work", summary);
    } catch (error) {
      logger.error("background work failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  setTimeout(tick, 5_000).unref();
  setInterval(tick, 60_000).unref();
}
