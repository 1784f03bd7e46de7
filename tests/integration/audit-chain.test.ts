// The audit log is a hash chain: every event follows the one before, in one chain however many
// writers append at once; altering, removing or reordering a row is found and named by
// `npm run audit:verify`; events from before the chain are sealed by the first write after it.
// Work that follows changes (the findings refresh) reads committed events only.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditIfDue } from "@/lib/audit/checkpoint";
import { Prisma } from "@/lib/generated/prisma/client";
import { eventHash } from "@/lib/audit/chain";
import { verifyChain } from "@/lib/audit/verify";
import { createApi } from "@/lib/catalogue/commands/create-api";
import { updateScope } from "@/lib/catalogue/commands/update-scope";
import { findingsBehind, refreshFindings } from "@/lib/findings/jobs";
import type { Ctx } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { engine, ROOT } from "./databases";
import { DEMO, ctxFor, expectAppError } from "./helpers";

let admin: Ctx;
let teamId: string;
beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
  teamId = (await db.team.findFirstOrThrow()).id;
});

const apiInput = (name: string) => ({ name, teamId, environment: "DEVELOPMENT", exposure: "INTERNAL", classification: "INTERNAL" });

/** `npm run audit:verify` on this file's database: its exit code and what it printed. */
function auditVerify() {
  const run = spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["scripts/audit-verify.ts"], { cwd: ROOT, env: process.env, encoding: "utf8" });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

/** An event put back as it was (a JSON null is the database's null). */
function restore(event: Awaited<ReturnType<typeof lastEvent>>) {
  return db.auditEvent.create({ data: { ...event, before: event.before ?? Prisma.DbNull, after: event.after ?? Prisma.DbNull } });
}

async function lastEvent() {
  return db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
}

describe("the chain", () => {
  it("links every event to the one before, from the seed on", async () => {
    await runCommand(createApi, admin, apiInput("Chained API"));
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.length).toBeGreaterThan(10);
    events.forEach((event, i) => {
      expect(event.seq).toBe(i + 1);
      expect(event.prevHash).toBe(i === 0 ? "" : events[i - 1]!.hash);
      expect(event.hash).toBe(eventHash(event));
    });
    expect(await db.auditHead.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ seq: events.length, hash: events.at(-1)?.hash });
    expect(await verifyChain(db)).toMatchObject({ ok: true, verifiedSeq: events.length });
    const cli = auditVerify();
    expect(cli.status).toBe(0);
    expect(cli.out).toContain(`events 1 to ${events.length}`);
  });

  it("is untouched by a change that is refused", async () => {
    const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    await expectAppError(runCommand(createApi, admin, apiInput("Chained API")), "CONFLICT");
    expect(await db.auditHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual(head);
  });
});

describe("tampering is found and named", () => {
  it("an altered actor and summary", async () => {
    const target = await db.auditEvent.findFirstOrThrow({ where: { action: "api.create" }, orderBy: { seq: "desc" } });
    await db.auditEvent.update({ where: { id: target.id }, data: { actorLabel: "someone else", summary: "Nothing to see" } });
    try {
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenSeq: target.seq, verifiedSeq: target.seq - 1 });
      const cli = auditVerify();
      expect(cli.status).toBe(1);
      expect(cli.out).toContain(`Audit chain broken at event ${target.seq}: event ${target.seq} was altered`);
    } finally {
      await db.auditEvent.update({ where: { id: target.id }, data: { actorLabel: target.actorLabel, summary: target.summary } });
    }
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it("a removed event", async () => {
    const target = await db.auditEvent.findFirstOrThrow({ where: { seq: 3 } });
    await db.auditEvent.delete({ where: { id: target.id } });
    try {
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenSeq: 3, reason: "event 3 is missing" });
      const cli = auditVerify();
      expect(cli.status).toBe(1);
      expect(cli.out).toContain("Audit chain broken at event 3: event 3 is missing");
    } finally {
      await restore(target);
    }
  });

  it("the latest event removed", async () => {
    await runCommand(createApi, admin, apiInput("Soon forgotten API"));
    const target = await lastEvent();
    await db.auditEvent.delete({ where: { id: target.id } });
    try {
      expect(await verifyChain(db)).toMatchObject({
        ok: false,
        brokenSeq: target.seq,
        reason: `event ${target.seq} is missing: the chain's head is at event ${target.seq}`,
      });
    } finally {
      await restore(target);
    }
  });

  it("two events put in each other's place", async () => {
    const [a, b] = await db.auditEvent.findMany({ where: { seq: { in: [5, 6] } }, orderBy: { seq: "asc" } });
    await db.auditEvent.update({ where: { id: a!.id }, data: { seq: -5 } });
    await db.auditEvent.update({ where: { id: b!.id }, data: { seq: 5 } });
    await db.auditEvent.update({ where: { id: a!.id }, data: { seq: 6 } });
    try {
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenSeq: 5, reason: "event 5 is out of order: it does not follow event 4" });
      const cli = auditVerify();
      expect(cli.status).toBe(1);
      expect(cli.out).toContain("Audit chain broken at event 5: event 5 is out of order");
    } finally {
      await db.auditEvent.update({ where: { id: a!.id }, data: { seq: -5 } });
      await db.auditEvent.update({ where: { id: b!.id }, data: { seq: 6 } });
      await db.auditEvent.update({ where: { id: a!.id }, data: { seq: 5 } });
    }
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it("the runner's re-check records where the chain breaks, for /audit", async () => {
    const target = await db.auditEvent.findFirstOrThrow({ where: { seq: 2 } });
    await db.auditEvent.update({ where: { id: target.id }, data: { summary: "forged" } });
    try {
      await db.auditVerification.deleteMany({});
      expect(await verifyAuditIfDue(new Date())).toBe(1);
      expect(await db.auditVerification.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ ok: false, brokenSeq: 2, verifiedSeq: 1 });
    } finally {
      await db.auditEvent.update({ where: { id: target.id }, data: { summary: target.summary } });
    }
    await db.auditVerification.deleteMany({});
    await verifyAuditIfDue(new Date());
    expect(await db.auditVerification.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ ok: true, verifiedSeq: (await lastEvent()).seq });
  });
});

describe("events from before the chain", () => {
  it("are sealed, in order, by the first write after the upgrade", async () => {
    const before = await db.auditEvent.count();
    // A database as the upgrade leaves it: positions, no hashes.
    await db.auditEvent.updateMany({ data: { prevHash: "", hash: "" } });
    await db.auditHead.update({ where: { id: 1 }, data: { hash: "" } });
    expect(await verifyChain(db)).toMatchObject({ ok: true, unsealed: before });
    await runCommand(createApi, admin, apiInput("First API after the upgrade"));
    expect(await verifyChain(db)).toMatchObject({ ok: true, verifiedSeq: before + 1, unsealed: 0 });
  });
});

describe("work that follows changes", () => {
  it("runs for committed changes, never for refused ones", async () => {
    const base = new Date(Date.now() + 60 * 60_000);
    await refreshFindings(base);
    expect(await findingsBehind()).toBe(false);
    const asOf = async () => (await db.dashboardCell.findFirstOrThrow({ orderBy: { createdAt: "desc" } })).createdAt.getTime();
    expect(await asOf()).toBe(base.getTime());

    await expectAppError(runCommand(createApi, admin, apiInput("Chained API")), "CONFLICT");
    expect(await findingsBehind()).toBe(false);
    expect(await refreshFindings(new Date(base.getTime() + 60_000))).toBe(0);
    expect(await asOf()).toBe(base.getTime());

    const scope = await db.scope.findFirstOrThrow({ where: { level: "READ" } });
    await runCommand(updateScope, admin, { id: scope.id, level: "WRITE", description: scope.description });
    expect(await findingsBehind()).toBe(true);
    const later = new Date(base.getTime() + 120_000);
    await refreshFindings(later);
    expect(await asOf()).toBe(later.getTime());
    expect(await findingsBehind()).toBe(false);
  });
});

describe.skipIf(engine !== "postgresql")("two writers at once (PostgreSQL: SQLite has one writer at a time)", () => {
  it("keep one valid chain", async () => {
    const start = (await lastEvent()).seq;
    const writers = ["a", "b"].map((label) => {
      const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["tests/integration/audit-writer.ts", label, "40", "4"], {
        cwd: ROOT,
        env: process.env,
        stdio: ["pipe", "pipe", "inherit"],
      });
      let out = "";
      const ready = new Promise<void>((resolve) => child.stdout.on("data", (chunk) => (out += chunk.toString()).includes("ready") && resolve()));
      const done = new Promise<number | null>((resolve) => child.on("exit", resolve));
      return { child, ready, done };
    });
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin.write("go\n");
    expect(await Promise.all(writers.map((w) => w.done))).toEqual([0, 0]);
    const report = await verifyChain(db);
    expect(report).toMatchObject({ ok: true, verifiedSeq: start + 80 });
    expect(await db.consumer.count({ where: { name: { startsWith: "chain-" } } })).toBe(80);
  }, 120_000);
});
