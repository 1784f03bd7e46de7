// First single sign-on creates the console user with roles from the groups claim.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { signInWithSso } from "@/lib/server/sso";

describe("single sign-on provisioning", () => {
  it("creates the user at first sign-on with the roles its groups map to, audited", async () => {
    const user = await signInWithSso({ sub: "okta|123", email: "Kai.Ng@Example.com", name: "Kai Ng", groups: ["Auditor", "staff"] });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user!.id }, include: { roles: true } });
    expect(stored).toMatchObject({ email: "kai.ng@example.com", oidcSubject: "okta|123", active: true });
    expect(stored.roles.map((r) => r.role)).toEqual(["AUDITOR"]);
    expect(await db.auditEvent.count({ where: { targetId: stored.id, action: "user.create", actorKind: "SYSTEM" } })).toBe(1);
  });

  it("gives no role when no group maps, and finds the same user next time", async () => {
    const first = await signInWithSso({ sub: "okta|456", email: "lee@example.com", groups: ["everyone"] });
    const again = await signInWithSso({ sub: "okta|456", email: "lee@example.com", groups: ["admin"] });
    expect(again!.id).toBe(first!.id);
    expect(await db.userRoleGrant.count({ where: { userId: first!.id } })).toBe(0);
  });

  it("links an existing password user by email and refuses a deactivated one", async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@scopeward.test" } });
    expect((await signInWithSso({ sub: "okta|owner", email: "owner@scopeward.test" }))!.id).toBe(owner.id);
    await db.user.update({ where: { id: owner.id }, data: { active: false } });
    expect(await signInWithSso({ sub: "okta|owner", email: "owner@scopeward.test" })).toBeNull();
  });

  it("refuses a profile without subject or email", async () => {
    expect(await signInWithSso({ email: "x@example.com" })).toBeNull();
    expect(await signInWithSso({ sub: "abc" })).toBeNull();
  });
});
