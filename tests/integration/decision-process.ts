// The decision point as processes of their own (`npm run decisions`), for tests that need it
// apart from the test's process: its own database connections, its own live view.
import { spawn } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { ROOT } from "./databases";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type DecisionProcess = { port: number; stop(): void };

/** Starts `workers` decision point processes on one port; resolves once each listens. */
export async function startDecisionProcess(workers = 1): Promise<DecisionProcess> {
  const port = await freePort();
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["scripts/decision-point.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", DECISIONS_PORT: String(port), DECISIONS_WORKERS: String(workers) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () => void child.kill("SIGTERM");
  await new Promise<void>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk.toString();
      if (out.split("decision point listening").length > workers) resolve();
    });
    child.stderr.on("data", (chunk) => (err += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`decision point exited ${code}: ${err}`)));
  }).catch((error: unknown) => {
    stop();
    throw error;
  });
  return { port, stop };
}
