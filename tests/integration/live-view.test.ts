// The decision point's live view: on PostgreSQL it answers from memory and forgets what each
// change names when the change commits, in whichever process made it; on SQLite it answers from
// memory until the file changed, by whichever connection. The cross-process tests run on both
// databases; each view's own mechanics on its own database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "@/lib/api/commands/create-token";
import { revokeToken } from "@/lib/api/commands/revoke-token";
import { evaluate } from "@/lib/api/decisions";
import Database from "better-sqlite3";
import type { FileView } from "@/lib/api/file-view";
import { changesSeen, consumerTag, fileView, LiveView, startLiveView } from "@/lib/api/live-view";
import { resumeGrant, suspendGrant } from "@/lib/catalogue/commands/grant-status";
import { revokeGrant } from "@/lib/catalogue/commands/revoke-grant";
import { suspendConsumer } from "@/lib/catalogue/commands/suspend-consumer";
import { runCommand } from "@/lib/server/command";
import type { Ctx } from "@/lib/server/authz";
import { sqlitePath } from "@/lib/server/database-url";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { engine } from "./databases";
import { startDecisionProcess, type DecisionProcess } from "./decision-process";
import { DEMO, ctxFor } from "./helpers";

let admin: Ctx;
let secret: string;
// Live grants with a current scope each, on distinct consumers: each test takes its own.
let grants: Awaited<ReturnType<typeof liveGrants>>;

beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
  ({ secret } = await runCommand(createToken, admin, { name: "gateway", scopes: ["decisions:read"], days: 30 }));
  grants = await liveGrants();
});

async function liveGrants() {
  const current = { expiresAt: null, scope: { removedAt: null } };
  const all = await db.grant.findMany({
    where: { status: "ACTIVE", expiresAt: null, consumer: { status: "ACTIVE" }, api: { lifecycle: { not: "RETIRED" } }, scopes: { some: current } },
    include: { scopes: { where: current, include: { scope: true } } },
    orderBy: { id: "asc" },
  });
  const seen = new Set<string>();
  const distinct = all.filter((g) => !seen.has(g.consumerId) && seen.add(g.consumerId));
  expect(distinct.length).toBeGreaterThanOrEqual(6);
  return distinct;
}

const questionOf = (grant: (typeof grants)[number]) => ({ consumerId: grant.consumerId, apiId: grant.apiId, scopes: [grant.scopes[0]!.scope.name] });

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A decision asked twice is answered the second time from the view's memory; once the grant is
 * suspended (and the view `told` of it), the next one is read again, and denied.
 */
async function fromMemoryUntilSuspended(view: { counts: { hits: number; misses: number } }, grant: (typeof grants)[number], told: () => Promise<void>) {
  const question = questionOf(grant);
  expect((await evaluate(question)).decision).toBe("allow");
  const { hits, misses } = view.counts;
  expect((await evaluate(question)).decision).toBe("allow");
  expect(view.counts).toMatchObject({ hits: hits + 1, misses });
  await runCommand(suspendGrant, admin, { id: grant.id, reason: "Live view test" });
  await told();
  expect(await evaluate(question)).toMatchObject({ decision: "deny", reasons: ["Grant is suspended"] });
  expect(view.counts.misses).toBe(misses + 1);
}

describe("decisions across processes", () => {
  let point: DecisionProcess;
  beforeAll(async () => {
    point = await startDecisionProcess(1);
    // This process writes as the console does: a command returns once its change came back as a
    // notification (PostgreSQL tells every listener at once). The hand-made writes below wait
    // for the same with changesSeen().
    await startLiveView()?.start();
  }, 60_000);
  afterAll(() => point?.stop());

  const post = (body: unknown, token = secret) =>
    fetch(`http://127.0.0.1:${point.port}/api/v1/decisions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  const ask = async (body: unknown) => {
    const response = await post(body);
    expect(response.status).toBe(200);
    return response.json();
  };

  it("refuses a token revoked in another process at its very next call", async () => {
    const doomed = await runCommand(createToken, admin, { name: "doomed gateway", scopes: ["decisions:read"], days: 30 });
    const question = { consumer: grants[2]!.consumerId, api: grants[2]!.apiId, scopes: [] };
    expect((await post(question, doomed.secret)).status).toBe(200);
    expect((await post(question, doomed.secret)).status).toBe(200);
    await runCommand(revokeToken, admin, { id: doomed.id });
    expect((await post(question, doomed.secret)).status).toBe(401);
  });

  it("never allows after a change made in another process: the very next call sees it", async () => {
    const [grant, other] = grants;
    const question = { consumer: grant!.consumerId, api: grant!.apiId, scopes: [grant!.scopes[0]!.scope.name] };
    // Asked twice: on PostgreSQL the second answer comes from the view.
    expect(await ask(question)).toMatchObject({ decision: "allow" });
    expect(await ask(question)).toMatchObject({ decision: "allow" });

    for (let round = 0; round < 5; round++) {
      await runCommand(suspendGrant, admin, { id: grant!.id, reason: `Round ${round}` });
      expect(await ask(question)).toMatchObject({ decision: "deny", reasons: ["Grant is suspended"] });
      await runCommand(resumeGrant, admin, { id: grant!.id, reason: `Round ${round}` });
      expect(await ask(question)).toMatchObject({ decision: "allow" });
    }

    // A scope's own end, a hand-run statement outside the console, and the final revocation.
    const held = { grantId_scopeId: { grantId: grant!.id, scopeId: grant!.scopes[0]!.scopeId } };
    await db.grantScope.update({ where: held, data: { expiresAt: new Date(Date.now() - 1000) } });
    await changesSeen();
    expect(await ask(question)).toMatchObject({ decision: "deny", reasons: [`Scopes not granted: ${question.scopes[0]}`] });
    await db.$executeRaw`UPDATE "GrantScope" SET "expiresAt" = NULL WHERE "grantId" = ${grant!.id}`;
    await changesSeen();
    expect(await ask(question)).toMatchObject({ decision: "allow" });
    await runCommand(revokeGrant, admin, { id: grant!.id, reason: "Live view test" });
    expect(await ask(question)).toMatchObject({ decision: "deny", reasons: ["No live grant for this consumer on this API"] });

    // A consumer suspended denies every grant it holds.
    const second = { consumer: other!.consumerId, api: other!.apiId, scopes: [other!.scopes[0]!.scope.name] };
    expect(await ask(second)).toMatchObject({ decision: "allow" });
    await runCommand(suspendConsumer, admin, { id: other!.consumerId, reason: "Live view test" });
    expect(await ask(second)).toMatchObject({ decision: "deny", reasons: ["Consumer is suspended"] });
  });

  it("resolves identities as they are now: a removed identity names no one at the next call", async () => {
    const grant = grants[2];
    const value = `live-view-client-${Date.now()}`;
    const question = { consumer: value, consumerKind: "CLIENT_ID", api: grant!.apiId, scopes: [grant!.scopes[0]!.scope.name] };
    expect(await ask(question)).toMatchObject({ decision: "deny", reasons: [expect.stringContaining("Unknown consumer")] });
    const identity = await db.consumerIdentity.create({ data: { consumerId: grant!.consumerId, kind: "CLIENT_ID", value } });
    await changesSeen();
    expect(await ask(question)).toMatchObject({ decision: "allow" });
    expect(await ask(question)).toMatchObject({ decision: "allow" });
    await db.consumerIdentity.delete({ where: { id: identity.id } });
    await changesSeen();
    expect(await ask(question)).toMatchObject({ decision: "deny", reasons: [expect.stringContaining("Unknown consumer")] });
  });
});

describe.skipIf(engine !== "sqlite")("the file view's mechanics (SQLite)", () => {
  let view: FileView;
  beforeAll(() => {
    startLiveView();
    const started = fileView();
    if (!started) return expect.unreachable("a process answering decisions on SQLite keeps a file view");
    view = started;
  });

  it("answers a repeated decision from memory, and reads again after a write on this connection", async () => {
    await fromMemoryUntilSuspended(view, grants[3]!, async () => undefined);
  });

  it("sees a change another connection committed at the next call", async () => {
    const grant = grants[4];
    const question = questionOf(grant!);
    expect((await evaluate(question)).decision).toBe("allow");
    expect((await evaluate(question)).decision).toBe("allow");
    // Another process's connection, as a job runner or a second console instance has.
    const other = new Database(sqlitePath(env().DATABASE_URL));
    try {
      other.prepare(`UPDATE "Grant" SET status = 'SUSPENDED' WHERE id = ?`).run(grant!.id);
      expect(await evaluate(question)).toMatchObject({ decision: "deny", reasons: ["Grant is suspended"] });
      other.prepare(`UPDATE "Grant" SET status = 'ACTIVE' WHERE id = ?`).run(grant!.id);
      expect((await evaluate(question)).decision).toBe("allow");
    } finally {
      other.close();
    }
  });

  it("keeps nothing read inside a transaction, whose writes may roll back", async () => {
    const grant = grants[5];
    const question = questionOf(grant!);
    expect((await evaluate(question)).decision).toBe("allow");
    await expect(
      db.$transaction(async (tx) => {
        await tx.grant.update({ where: { id: grant!.id }, data: { status: "SUSPENDED" } });
        // The one connection reads its own transaction's write.
        expect((await evaluate(question)).decision).toBe("deny");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await evaluate(question)).decision).toBe("allow");
  });
});

describe.skipIf(engine !== "postgresql")("the live view's mechanics (PostgreSQL only: SQLite has no notifications)", () => {
  let view: LiveView;
  beforeAll(async () => {
    view = startLiveView()!;
    await view.start();
    expect(view.serving).toBe(true);
  });

  /** Waits for a notification made after everything before it committed: all earlier ones have arrived. */
  async function settled() {
    const before = view.counts.notifications;
    await db.$executeRawUnsafe(`NOTIFY scopeward_live, 'settled'`);
    await until(() => view.counts.notifications > before, "the marker notification arrived");
  }

  it("answers a repeated decision from memory, and reads again after a change", async () => {
    await fromMemoryUntilSuspended(view, grants[3]!, settled);
  });

  it("is not disturbed by recording use: last-used dates change nothing a decision reads", async () => {
    const grant = grants[4];
    await settled();
    const before = view.counts.notifications;
    await db.grant.update({ where: { id: grant!.id }, data: { lastUsedAt: new Date() } });
    await db.grantScope.updateMany({ where: { grantId: grant!.id }, data: { lastUsedAt: new Date() } });
    await db.apiToken.updateMany({ data: { lastUsedAt: new Date() } });
    await db.user.updateMany({ data: { lastLoginAt: new Date() } });
    await settled();
    // Only the marker arrived.
    expect(view.counts.notifications).toBe(before + 1);
  });

  it("forgets everything at once after a bulk change, instead of a notification per row", async () => {
    await settled();
    const { notifications, cleared } = view.counts;
    const ids = (await db.grant.findMany({ where: { status: "ACTIVE" }, select: { id: true }, take: 400 })).map((g) => g.id);
    expect(ids.length).toBeGreaterThan(250);
    await db.grant.updateMany({ where: { id: { in: ids } }, data: { status: "SUSPENDED" } });
    await db.grant.updateMany({ where: { id: { in: ids } }, data: { status: "ACTIVE" } });
    await settled();
    // Per transaction at most 200 named records and one "forget everything", whatever the row count.
    expect(view.counts.notifications - notifications).toBeLessThanOrEqual(2 * 201 + 1);
    expect(view.counts.cleared).toBe(cleared + 2);
  });

  it("only listens when it keeps nothing: reads go to the database, and a writer still waits to be told", async () => {
    // As the console's web server runs it.
    const listener = new LiveView(process.env.DATABASE_URL!, false);
    await listener.start();
    try {
      let loads = 0;
      const load = async () => ++loads;
      await listener.read("k", [], load);
      await listener.read("k", [], load);
      expect(loads).toBe(2);
      expect(listener.serving).toBe(false);
      const { cleared } = listener.counts;
      await listener.caughtUp();
      // The marker came back: had it not, the listener would have started over.
      expect(listener.counts.cleared).toBe(cleared);
    } finally {
      await listener.stop();
    }
  });

  it("never keeps a read that a change overtook while it was in flight", async () => {
    let loads = 0;
    let finish: (value: string) => void = () => undefined;
    const load = () => {
      loads++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = view.read("in-flight", [consumerTag("x")], load);
    view.apply(consumerTag("x"));
    finish("before the change");
    expect(await first).toBe("before the change");
    const second = view.read("in-flight", [consumerTag("x")], load);
    expect(loads).toBe(2);
    finish("after the change");
    expect(await second).toBe("after the change");
  });

  it("reads the database while its connection is lost, and forgets everything when it is back", async () => {
    const grant = grants[5];
    const question = questionOf(grant!);
    expect((await evaluate(question)).decision).toBe("allow");
    const cleared = view.counts.cleared;

    await db.$queryRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'scopeward-live-view' AND datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await until(() => !view.serving, "the view noticed its connection was gone");
    // Changed while nobody listened: no notification will ever tell of it.
    await db.$executeRawUnsafe(`UPDATE "Grant" SET status = 'SUSPENDED' WHERE id = $1`, grant!.id);
    expect(await evaluate(question)).toMatchObject({ decision: "deny", reasons: ["Grant is suspended"] });

    await until(() => view.serving, "the view listened again", 10_000);
    expect(view.counts.cleared).toBeGreaterThan(cleared);
    expect(await evaluate(question)).toMatchObject({ decision: "deny", reasons: ["Grant is suspended"] });
    await db.$executeRawUnsafe(`UPDATE "Grant" SET status = 'ACTIVE' WHERE id = $1`, grant!.id);
    await settled();
    expect((await evaluate(question)).decision).toBe("allow");
  });
});
