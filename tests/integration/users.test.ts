// People: an admin manages roles, team, manager and deactivation; sign-in throttling.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/settings/commands/create-user";
import { updateUser } from "@/lib/settings/commands/update-user";
import { runCommand } from "@/lib/server/command";
import { listConsumers } from "@/lib/catalogue/queries";
import { consumerListParams } from "@/lib/catalogue/schemas";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { LIMITS, MAX_FAILURES, clearFailures, clientAddress, isThrottled, recordFailure } from "@/lib/server/sign-in-throttle";
import { DEMO, ctxFor, expectAppError, rowCounts } from "./helpers";

let admin: Ctx;
beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
});

describe("user management", () => {
  it("an admin creates a user with roles and a hashed password, audited", async () => {
    const user = await runCommand(createUser, admin, {
      name: "Nia Patel",
      email: "Nia.Patel@Scopeward.test",
      password: "correct-horse-battery",
      roles: ["OWNER", "MANAGER"],
    });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, passwordHash: true, roles: true } });
    expect(stored.email).toBe("nia.patel@scopeward.test");
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(stored.roles.map((r) => r.role).sort()).toEqual(["MANAGER", "OWNER"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: user.id, action: "user.create" } });
    expect(JSON.stringify(audit.after)).not.toContain("correct-horse-battery");
    expect(JSON.stringify(audit.after)).not.toContain(stored.passwordHash!);
  });

  it("refuses a name holding a NUL or another control character, writing nothing", async () => {
    const users = await db.user.count();
    const audit = await db.auditEvent.count();
    const err = await expectAppError(
      runCommand(createUser, admin, { name: "Mallory\u0000Admin", email: "mallory.nul@example.com", password: "correct-horse-battery", roles: [] }),
      "VALIDATION",
    );
    expect(err.fieldErrors?.name?.[0]).toMatch(/control characters/);
    expect(await db.user.count()).toBe(users);
    expect(await db.auditEvent.count()).toBe(audit);
  });

  it("refuses a second account with the same email, writing nothing", async () => {
    const counts = await rowCounts();
    const err = await expectAppError(
      runCommand(createUser, admin, { name: "Nia Again", email: "nia.patel@scopeward.test", password: "correct-horse-battery", roles: [] }),
      "CONFLICT",
    );
    expect(err.fieldErrors?.email).toBeDefined();
    expect(await rowCounts()).toEqual(counts);
  });

  it("changes roles and manager, and refuses a management loop", async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO.owner } });
    const manager = await db.user.findUniqueOrThrow({ where: { email: DEMO.manager } });
    expect(owner.managerId).toBe(manager.id);
    await expectAppError(
      runCommand(updateUser, admin, { id: manager.id, name: manager.name, roles: ["MANAGER"], managerId: owner.id, active: "on" }),
      "VALIDATION",
    );
    await runCommand(updateUser, admin, { id: owner.id, name: owner.name, roles: ["OWNER", "AUDITOR"], managerId: manager.id, active: "on" });
    expect((await ctxFor(DEMO.owner)).roles.sort()).toEqual(["AUDITOR", "OWNER"]);
  });

  it("an admin cannot remove their own admin role or deactivate themselves", async () => {
    await expectAppError(runCommand(updateUser, admin, { id: admin.userId, name: "Alex Admin", roles: ["AUDITOR"], active: "on" }), "VALIDATION");
    await expectAppError(runCommand(updateUser, admin, { id: admin.userId, name: "Alex Admin", roles: ["ADMIN"] }), "VALIDATION");
    expect((await ctxFor(DEMO.admin)).roles).toContain("ADMIN");
  });

  it("deactivating a user makes their consumers ownerless and is audited as a deactivation", async () => {
    const user = await db.user.findFirstOrThrow({
      where: { active: true, ownedConsumers: { some: {} }, roles: { none: { role: "ADMIN" } }, email: { not: DEMO.owner } },
    });
    const ownedCount = await db.consumer.count({ where: { ownerId: user.id } });
    const before = await listConsumers(admin, consumerListParams.parse({ ownerless: "1" }));
    await runCommand(updateUser, admin, { id: user.id, name: user.name, roles: ["OWNER"] });
    const after = await listConsumers(admin, consumerListParams.parse({ ownerless: "1" }));
    expect(after.total).toBe(before.total + ownedCount);
    expect(await db.auditEvent.count({ where: { targetId: user.id, action: "user.deactivate" } })).toBe(1);
  });
});

describe("sign-in throttling", () => {
  const attacker = "203.0.113.9";
  const owner = "198.51.100.7";

  it(`locks an account from one address after ${MAX_FAILURES} failures, not its owner elsewhere; a success clears it`, async () => {
    const email = "someone@scopeward.test";
    const now = new Date();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await recordFailure(email, attacker, now);
    expect(await isThrottled(email, attacker, now)).toBe(false);
    expect(await recordFailure(email.toUpperCase(), attacker, now)).toEqual([{ lock: "account from this address", until: expect.any(Date) }]);
    expect(await isThrottled(email, attacker, now)).toBe(true);
    // The attacker's guesses do not lock the owner out.
    expect(await isThrottled(email, owner, now)).toBe(false);
    expect(await isThrottled(email, attacker, new Date(now.getTime() + 16 * 60_000))).toBe(false);
    await clearFailures(email, attacker);
    expect(await isThrottled(email, attacker, now)).toBe(false);
  });

  it(`stops one address trying many accounts after ${LIMITS.ADDRESS} failures`, async () => {
    const now = new Date();
    const sweeper = "192.0.2.77";
    const locks = [];
    for (let i = 0; i < LIMITS.ADDRESS; i++) locks.push(...(await recordFailure(`victim${i}@scopeward.test`, sweeper, now)));
    expect(locks.map((l) => l.lock)).toEqual(["address"]);
    // Every account, even one never tried, is refused from that address; others still sign in.
    expect(await isThrottled("fresh@scopeward.test", sweeper, now)).toBe(true);
    expect(await isThrottled("fresh@scopeward.test", owner, now)).toBe(false);
  });

  it(`locks an account guessed from many addresses after ${LIMITS.ACCOUNT} failures`, async () => {
    const now = new Date();
    const email = "popular@scopeward.test";
    for (let i = 0; i < LIMITS.ACCOUNT - 1; i++) await recordFailure(email, `10.0.${i >> 8}.${i & 255}`, now);
    expect(await isThrottled(email, owner, now)).toBe(false);
    expect((await recordFailure(email, "10.9.9.9", now)).map((l) => l.lock)).toEqual(["account"]);
    expect(await isThrottled(email, owner, now)).toBe(true);
  });

  it("forgets failures older than the window", async () => {
    const email = "slow@scopeward.test";
    const start = new Date("2026-01-01T00:00:00Z");
    for (let i = 0; i < MAX_FAILURES - 1; i++) await recordFailure(email, attacker, start);
    const later = new Date(start.getTime() + 20 * 60_000);
    await recordFailure(email, attacker, later);
    expect(await isThrottled(email, attacker, later)).toBe(false);
  });

  it("reads the client's address from the proxy's headers", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientAddress(new Headers())).toBe("unknown");
  });

  it("keeps no shared counter for callers whose address is unknown", async () => {
    const now = new Date();
    for (let i = 0; i < LIMITS.ADDRESS + 1; i++) await recordFailure(`nobody${i}@scopeward.test`, "unknown", now);
    expect(await isThrottled("someone.else@scopeward.test", "unknown", now)).toBe(false);
  });
});
