// Server-side sessions: signing in opens one, signing out ends it, and a person (or an
// administrator, for anyone) ends them all. The browser check itself is end-to-end (sign-in.spec).
import { beforeAll, describe, expect, it } from "vitest";
import { endSessions } from "@/lib/sign-in/commands/end-sessions";
import { recordSignIn } from "@/lib/sign-in/commands/record-sign-in";
import { recordSignOut } from "@/lib/sign-in/commands/record-sign-out";
import type { Ctx } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError } from "./helpers";

let admin: Ctx;
let owner: Ctx;
let manager: Ctx;

beforeAll(async () => {
  [admin, owner, manager] = await Promise.all([ctxFor(DEMO.admin), ctxFor(DEMO.owner), ctxFor(DEMO.manager)]);
});

const open = (userId: string) => db.userSession.count({ where: { userId, endedAt: null } });

describe("sessions", () => {
  it("opens a session at sign-in and ends only the caller's own at sign-out", async () => {
    const { sessionId } = await runCommand(recordSignIn, owner, { method: "password" });
    const theirs = await runCommand(recordSignIn, manager, { method: "password" });
    // Naming someone else's session ends nothing.
    expect(await runCommand(recordSignOut, owner, { sessionId: theirs.sessionId })).toMatchObject({ ended: 0 });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: theirs.sessionId } })).endedAt).toBeNull();
    expect(await runCommand(recordSignOut, owner, { sessionId })).toMatchObject({ ended: 1 });
    expect(await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ endReason: "signed out" });
  });

  it("ends every session of the caller, or of anyone for an administrator only", async () => {
    await runCommand(recordSignIn, manager, { method: "password" });
    await runCommand(recordSignIn, manager, { method: "single sign-on" });
    expect(await open(manager.userId)).toBeGreaterThanOrEqual(2);

    const audit = await db.auditEvent.count();
    await expectAppError(runCommand(endSessions, owner, { userId: manager.userId }), "FORBIDDEN");
    expect(await db.auditEvent.count()).toBe(audit);
    expect(await open(manager.userId)).toBeGreaterThanOrEqual(2);

    const { ended } = await runCommand(endSessions, admin, { userId: manager.userId });
    expect(ended).toBeGreaterThanOrEqual(2);
    expect(await open(manager.userId)).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.end_sessions", targetId: manager.userId }, orderBy: { id: "desc" } });
    expect(event.summary).toContain(`all sessions ended by ${admin.email}`);

    await runCommand(recordSignIn, owner, { method: "password" });
    expect((await runCommand(endSessions, owner, { userId: owner.userId })).ended).toBeGreaterThanOrEqual(1);
    expect(await open(owner.userId)).toBe(0);
    await expectAppError(runCommand(endSessions, admin, { userId: "no-such-user" }), "NOT_FOUND");
  });
});
