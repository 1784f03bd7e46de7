// `npm run decisions`: the decision point (POST /api/v1/decisions on DECISIONS_PORT) as a
// process of its own, beside the console; `npm start` runs it when DECISIONS_PORT is set. Out
// of the web server's process, a decision does not pay for the framework's per-request
// machinery, which is most of its cost there. With DECISIONS_WORKERS above 1, that many
// processes share the port (Node's cluster hands each new connection to the next one); each
// is stateless apart from its rate-limit buckets, so N of them allow N times a token's rate.
import cluster from "node:cluster";
import { env } from "../lib/server/env";

const settings = env();
if (!settings.DECISIONS_PORT) {
  console.error("[scopeward] Set DECISIONS_PORT to the port the decision point listens on.");
  process.exit(1);
}

if (cluster.isPrimary && settings.DECISIONS_WORKERS > 1) {
  const startedAt = new Map<number, number>();
  const fork = () => startedAt.set(cluster.fork().id, Date.now());
  for (let i = 0; i < settings.DECISIONS_WORKERS; i++) fork();
  // A worker that dies is replaced; gateways reconnect to the others meanwhile. One that dies
  // within seconds of starting (a wrong database URL, say) would only die again: stop instead.
  cluster.on("exit", (worker, code, signal) => {
    if (signal === "SIGTERM" || signal === "SIGINT") return;
    if (Date.now() - (startedAt.get(worker.id) ?? 0) < 10_000) {
      console.error(`[scopeward] decision point worker ${worker.process.pid} exited (${signal ?? code}) right after starting; stopping`);
      process.exit(1);
    }
    console.error(`[scopeward] decision point worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
      process.exit(0);
    });
  }
} else {
  const { startDecisionServer } = await import("../lib/api/decision-server");
  const server = await startDecisionServer(settings.DECISIONS_PORT);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
}
