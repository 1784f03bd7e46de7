// Several app instances run background work against one database. Two runners — two
// processes, as two instances behind a load balancer run them — start at the same moment
// against one PostgreSQL database: every reminder and escalation is one notice and one email,
// every due-date outcome and every remediation is applied once, the findings recompute runs once.
import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo, Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchCampaign } from "@/lib/reviews/commands/launch-campaign";
import { runCommand } from "@/lib/server/command";
import { withLease } from "@/lib/locks/claim";
import type { JobSummary } from "@/lib/jobs/run";
import { db } from "@/lib/server/db";
import { engine, ROOT } from "./databases";
import { DEMO, ctxFor } from "./helpers";
import { smtpServer } from "./smtp";

const DAY = 86_400_000;

describe("job leases", () => {
  it("let one holder at a time run a job, and outlive a crashed holder only until they expire", async () => {
    let release!: () => void;
    let acquired!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const running = new Promise<void>((resolve) => (acquired = resolve));
    const first = withLease("test.job", 60_000, async () => {
      acquired();
      await held;
      return "first";
    });
    // The first holder is inside its work: the lease is taken.
    await running;
    expect(await withLease("test.job", 60_000, async () => "second")).toBeNull();
    release();
    expect(await first).toBe("first");
    expect(await withLease("test.job", 60_000, async () => "after release")).toBe("after release");

    // A holder that died without releasing: its lease stands until it runs out.
    await db.jobLease.update({ where: { name: "test.job" }, data: { holder: "crashed", expiresAt: new Date(Date.now() + 60_000) } });
    expect(await withLease("test.job", 60_000, async () => "blocked")).toBeNull();
    await db.jobLease.update({ where: { name: "test.job" }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await withLease("test.job", 60_000, async () => "taken over")).toBe("taken over");
  });
});

type Runner = { child: ChildProcess; ready: Promise<void>; done: Promise<JobSummary[]> };

function startRunner(at: Date, passes: number, smtpUrl: string): Runner {
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["tests/integration/jobs-runner.ts", at.toISOString(), String(passes)], {
    cwd: ROOT,
    env: { ...process.env, SMTP_URL: smtpUrl, NODE_ENV: "test" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let signalReady!: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout!.on("data", (chunk) => {
    out += chunk.toString();
    if (out.includes("ready\n")) signalReady();
  });
  child.stderr!.on("data", (chunk) => (err += chunk.toString()));
  const done = new Promise<JobSummary[]>((resolve, reject) =>
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`runner exited ${code}: ${err}`));
      const last = out
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("["))
        .pop();
      resolve(JSON.parse(last ?? "[]"));
    }),
  );
  return { child, ready, done };
}

// SQLite is run with one runner (its one writer at a time is the serialisation); the
// multi-instance guarantee is PostgreSQL's row locks, so this runs on the PostgreSQL pass.
describe.runIf(engine === "postgresql")("two runners against one PostgreSQL database", () => {
  const received: string[] = [];
  let server: Server;
  let smtpUrl: string;

  beforeAll(async () => {
    server = smtpServer(received);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("send every reminder once and apply every due date and remediation once", { timeout: 180_000 }, async () => {
    const admin = await ctxFor(DEMO.admin);
    // Other tests' campaigns may review some of these grants already.
    const base = { reminderCadenceDays: "1", undecidedOutcome: "REVOKE", overlapConfirmed: true };
    // A: reminders due (two days after launch, cadence one day).
    const { campaign: reminding } = await runCommand(launchCampaign, admin, {
      ...base,
      name: "Runner reminders",
      kinds: ["HUMAN", "SERVICE"],
      dueAt: new Date(Date.now() + 20 * DAY).toISOString(),
    });
    // B: past its due date, every item undecided: revoked by the campaign's rule.
    const { campaign: overdue } = await runCommand(launchCampaign, admin, {
      ...base,
      name: "Runner overdue",
      kinds: ["AGENT", "PARTNER"],
      dueAt: new Date(Date.now() + 20 * DAY).toISOString(),
    });
    const at = new Date(reminding.launchedAt!.getTime() + 2 * DAY + 60_000);
    await db.campaign.update({ where: { id: overdue.id }, data: { dueAt: new Date(at.getTime() - DAY) } });
    // Some of A's items closed with a revocation whose remediation has not run yet.
    const closedEarly = await db.reviewItem.findMany({ where: { campaignId: reminding.id }, take: 6, orderBy: { id: "asc" } });
    await db.reviewItem.updateMany({
      where: { id: { in: closedEarly.map((i) => i.id) } },
      data: { status: "CLOSED", stage1Decision: "REVOKE", stage1Comment: "closed before the runners" },
    });

    const overdueItems = await db.reviewItem.findMany({ where: { campaignId: overdue.id }, select: { id: true, grantId: true } });
    const reviewers = await db.reviewItem.groupBy({
      by: ["stage1ReviewerId"],
      where: { campaignId: reminding.id, status: "STAGE1" },
      orderBy: { stage1ReviewerId: "asc" },
    });
    expect(overdueItems.length).toBeGreaterThan(5);
    expect(reviewers.length).toBeGreaterThan(1);

    // Two processes, released together, three passes each.
    const runners = [startRunner(at, 3, smtpUrl), startRunner(at, 3, smtpUrl)];
    await Promise.all(runners.map((r) => r.ready));
    for (const r of runners) r.child.stdin!.end("go\n");
    const passes = (await Promise.all(runners.map((r) => r.done))).flat();
    const total = (key: keyof JobSummary) => passes.reduce((sum, p) => sum + p[key], 0);

    // Reminders: one notice per reviewer of A, each emailed once, each counted by one runner.
    const reminders = await db.notification.findMany({ where: { kind: "review.reminder", dedupeKey: { startsWith: `review.reminder:${reminding.id}:` } } });
    expect(reminders).toHaveLength(reviewers.length);
    const allReminders = await db.notification.count({ where: { kind: "review.reminder" } });
    expect(total("reminders")).toBe(allReminders);
    const emails = new Map((await db.user.findMany({ select: { id: true, email: true } })).map((u) => [u.id, u.email]));
    const mails = (notice: { userId: string; title: string }) =>
      // Long headers arrive folded over lines (RFC 5322): unfold before matching.
      received
        .map((m) => m.replace(/\r\n[ \t]+/g, " "))
        .filter((m) => m.includes(`To: ${emails.get(notice.userId)}`) && m.includes(`Subject: [Scopeward] ${notice.title}`)).length;
    for (const notice of reminders) expect(mails(notice), notice.title).toBe(1);
    const escalations = await db.notification.findMany({ where: { kind: "review.escalation", dedupeKey: { startsWith: `review.escalation:${overdue.id}:` } } });
    expect(escalations.length).toBeGreaterThan(0);
    for (const notice of escalations) expect(mails(notice), notice.title).toBe(1);

    // The due date: every overdue item closed once, its grant revoked once.
    expect(total("dueApplied")).toBe(overdueItems.length);
    const dueEvents = await db.auditEvent.groupBy({
      by: ["targetId"],
      where: { action: "review.due", targetId: { in: overdueItems.map((i) => i.id) } },
      _count: { _all: true },
      orderBy: { targetId: "asc" },
    });
    expect(dueEvents).toHaveLength(overdueItems.length);
    expect(dueEvents.every((e) => e._count._all === 1)).toBe(true);
    const remediatedGrants = [...overdueItems, ...closedEarly].map((i) => i.grantId);
    const remediations = await db.auditEvent.groupBy({
      by: ["targetId"],
      where: { action: "review.remediate", targetId: { in: remediatedGrants } },
      _count: { _all: true },
      orderBy: { targetId: "asc" },
    });
    expect(remediations.every((e) => e._count._all === 1)).toBe(true);
    expect(total("remediated")).toBe(closedEarly.length);
    const items = await db.reviewItem.findMany({
      where: { id: { in: [...overdueItems, ...closedEarly].map((i) => i.id) } },
      select: { status: true, remediatedAt: true },
    });
    expect(items.every((i) => i.status === "CLOSED" && i.remediatedAt)).toBe(true);

    // Whole jobs under a lease: one recompute of findings, one snapshot, in six passes.
    expect(passes.filter((p) => p.findings > 0)).toHaveLength(1);
    expect(passes.filter((p) => p.snapshots > 0)).toHaveLength(1);
  });
});
