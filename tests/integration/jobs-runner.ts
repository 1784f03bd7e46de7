// A background runner in a process of its own, as a second app instance runs it: it loads the
// app, says "ready", waits for "go" on stdin (so two runners start the same moment), runs
// `passes` passes of background work at the given time and prints each pass's summary.
//   tsx tests/integration/jobs-runner.ts <ISO time> <passes>
import { createInterface } from "node:readline";
import { runJobs, type JobSummary } from "@/lib/jobs/run";
import { db } from "@/lib/server/db";

const at = new Date(process.argv[2] ?? Date.now());
const passes = Number(process.argv[3] ?? 1);

await db.user.count(); // connected and warm before the start signal
console.log("ready");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === "go") break;
lines.close();

const summaries: JobSummary[] = [];
for (let i = 0; i < passes; i++) summaries.push(await runJobs(at));
console.log(JSON.stringify(summaries));
await db.$disconnect();
