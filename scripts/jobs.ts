// `npm run jobs`: one pass of background work, for a cron.
import { runJobs } from "../lib/jobs/run";
import { db } from "../lib/server/db";

const started = Date.now();
const summary = await runJobs();
console.log(JSON.stringify({ ...summary, ms: Date.now() - started }));
await db.$disconnect();
