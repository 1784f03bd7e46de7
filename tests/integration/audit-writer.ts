// A writer in a process of its own, as a second app instance writes: it loads the app, says
// "ready", waits for "go" on stdin (so two writers start the same moment), then makes `count`
// changes, `parallel` at a time, each through a command with its audit event, and prints "done".
//   tsx tests/integration/audit-writer.ts <label> <count> <parallel>
import { createInterface } from "node:readline";
import { createConsumer } from "@/lib/catalogue/commands/create-consumer";
import { contextFor } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";

const [label, count, parallel] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4] ?? 4)];
const admin = contextFor(
  await db.user.findUniqueOrThrow({
    where: { email: "admin@scopeward.test" },
    select: { id: true, name: true, email: true, roles: { select: { role: true } } },
  }),
);
const teamId = (await db.team.findFirstOrThrow({ select: { id: true } })).id;
console.log("ready");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === "go") break;
lines.close();

let next = 0;
const worker = async () => {
  for (let i = next++; i < count; i = next++) {
    await runCommand(createConsumer, admin, { kind: "SERVICE", name: `chain-${label}-${i}`, teamId, environment: "DEVELOPMENT" });
  }
};
await Promise.all(Array.from({ length: parallel }, worker));
console.log("done");
await db.$disconnect();
