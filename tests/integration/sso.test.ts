// Who a verified single sign-on signs in: the (issuer, subject) link only; a first sign-on links an
// existing user by a verified email only if nobody is linked yet; roles follow the provider's
// groups; every link, creation, role change and refusal is audited, and a refusal changes nothing
// else. (The end-to-end suite drives the same flow through a real OpenID provider.)
import { describe, expect, it } from "vitest";
import { ssoSignOn } from "@/lib/sign-in/commands/sso-sign-on";
import { systemCtx } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { DEMO, liveStateDigest } from "./helpers";

const ISSUER = "https://idp.example.com";
const SSO = systemCtx("single sign-on");
const signOn = (
  claims: {
    subject: string;
    email?: string;
    emailVerified?: boolean;
    roles?: ("ADMIN" | "OWNER" | "MANAGER" | "EXECUTIVE" | "AUDITOR")[];
    issuer?: string;
    name?: string;
  },
  settings: { linkByEmail?: "verified" | "off"; unmapped?: "refuse" | "inactive" } = {},
) =>
  runCommand(ssoSignOn, SSO, {
    issuer: claims.issuer ?? ISSUER,
    subject: claims.subject,
    email: claims.email,
    emailVerified: claims.emailVerified ?? true,
    name: claims.name,
    roles: claims.roles ?? [],
    linkByEmail: settings.linkByEmail ?? "verified",
    unmapped: settings.unmapped ?? "refuse",
  });

const refusalsFor = (who: string) => db.auditEvent.count({ where: { action: "auth.sso_refused", summary: { contains: who } } });

describe("a first sign-on", () => {
  it("creates the person with the roles their groups map to, linked to the identity, audited and signed in", async () => {
    const outcome = await signOn({ subject: "okta|kai", email: "Kai.Ng@Example.com", name: "Kai Ng", roles: ["AUDITOR"] });
    expect(outcome).toMatchObject({ ok: true });
    const user = await db.user.findUniqueOrThrow({ where: { email: "kai.ng@example.com" }, include: { roles: true } });
    expect(user).toMatchObject({ oidcIssuer: ISSUER, oidcSubject: "okta|kai", active: true, name: "Kai Ng" });
    expect(user.lastLoginAt).not.toBeNull();
    expect(user.roles).toEqual([expect.objectContaining({ role: "AUDITOR", source: "IDENTITY_PROVIDER" })]);
    const actions = (await db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.create", "auth.sign_in"]);
  });

  it("with no mapped group creates nobody, and says so", async () => {
    const users = await db.user.count();
    expect(await signOn({ subject: "okta|nobody", email: "nobody@example.com" })).toEqual({ ok: false, reason: "no-role" });
    expect(await db.user.count()).toBe(users);
    expect(await refusalsFor("nobody@example.com")).toBe(1);
  });

  it("with no mapped group, where the setting says so, creates the person inactive for an administrator", async () => {
    expect(await signOn({ subject: "okta|waiting", email: "waiting@example.com" }, { unmapped: "inactive" })).toEqual({ ok: false, reason: "no-role" });
    expect(await db.user.findUniqueOrThrow({ where: { email: "waiting@example.com" } })).toMatchObject({ active: false, oidcSubject: "okta|waiting" });
  });

  it("with an unverified email creates nobody", async () => {
    expect(await signOn({ subject: "okta|unverified", email: "unverified@example.com", emailVerified: false, roles: ["OWNER"] })).toEqual({
      ok: false,
      reason: "email-unverified",
    });
    expect(await db.user.count({ where: { email: "unverified@example.com" } })).toBe(0);
  });
});

describe("account takeover is refused", () => {
  it("an identity claiming the administrator's email, unverified, signs in as nobody and changes nothing", async () => {
    const state = await liveStateDigest();
    expect(await signOn({ subject: "evil|1", email: DEMO.admin, emailVerified: false, roles: ["ADMIN"] })).toEqual({ ok: false, reason: "email-unverified" });
    expect(await db.user.findUniqueOrThrow({ where: { email: DEMO.admin } })).toMatchObject({ oidcSubject: null, oidcIssuer: null });
    expect(await liveStateDigest()).toBe(state);
    expect(await refusalsFor(DEMO.admin)).toBe(1);
  });

  it("a second identity with the email of a user already linked is refused; the link stays", async () => {
    expect(await signOn({ subject: "okta|owner", email: DEMO.owner, roles: ["OWNER"] })).toMatchObject({ ok: true });
    const state = await liveStateDigest();
    expect(await signOn({ subject: "evil|2", email: DEMO.owner, roles: ["ADMIN"] })).toEqual({ ok: false, reason: "linked-elsewhere" });
    expect(await db.user.findUniqueOrThrow({ where: { email: DEMO.owner } })).toMatchObject({ oidcSubject: "okta|owner", oidcIssuer: ISSUER });
    expect(await liveStateDigest()).toBe(state);
  });

  it("the same subject at another provider is another identity", async () => {
    expect(await signOn({ subject: "okta|owner", email: DEMO.owner, issuer: "https://other-idp.example.com" })).toEqual({
      ok: false,
      reason: "linked-elsewhere",
    });
  });
});

describe("linking an existing user", () => {
  it("by a verified email, once, audited", async () => {
    const manager = await db.user.findUniqueOrThrow({ where: { email: DEMO.manager } });
    expect(await signOn({ subject: "okta|manager", email: DEMO.manager, roles: ["MANAGER"] })).toMatchObject({
      ok: true,
      userId: manager.id,
      sessionId: expect.any(String),
    });
    expect(await db.auditEvent.count({ where: { targetId: manager.id, action: "user.sso_link" } })).toBe(1);
    // Signed in again: by the link, no new link.
    expect(await signOn({ subject: "okta|manager", email: "manager-renamed@example.com", roles: ["MANAGER"] })).toMatchObject({
      ok: true,
      userId: manager.id,
      sessionId: expect.any(String),
    });
    expect(await db.auditEvent.count({ where: { targetId: manager.id, action: "user.sso_link" } })).toBe(1);
  });

  it("is refused where linking by email is turned off", async () => {
    const state = await liveStateDigest();
    expect(await signOn({ subject: "okta|exec", email: DEMO.exec, roles: ["EXECUTIVE"] }, { linkByEmail: "off" })).toEqual({
      ok: false,
      reason: "linking-off",
    });
    expect(await liveStateDigest()).toBe(state);
  });

  it("completes a link made before issuers were recorded", async () => {
    const auditor = await db.user.update({ where: { email: DEMO.auditor }, data: { oidcSubject: "legacy|auditor" } });
    expect(await signOn({ subject: "legacy|auditor", email: DEMO.auditor, roles: ["AUDITOR"] })).toMatchObject({
      ok: true,
      userId: auditor.id,
      sessionId: expect.any(String),
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: auditor.id } })).oidcIssuer).toBe(ISSUER);
  });
});

describe("roles follow the provider", () => {
  it("a role whose group is gone goes at the next sign-on; a role set by hand stays; each change audited", async () => {
    const first = await signOn({ subject: "okta|lee", email: "lee@example.com", roles: ["ADMIN", "OWNER"] });
    if (!first.ok) throw new Error("first sign-on refused");
    await db.userRoleGrant.create({ data: { userId: first.userId, role: "AUDITOR", source: "MANUAL" } });
    expect(await signOn({ subject: "okta|lee", email: "lee@example.com", roles: ["OWNER"] })).toMatchObject({
      ok: true,
      userId: first.userId,
      sessionId: expect.any(String),
    });
    const roles = await db.userRoleGrant.findMany({ where: { userId: first.userId } });
    expect(roles.map((r) => [r.role, r.source]).sort()).toEqual(
      [
        ["OWNER", "IDENTITY_PROVIDER"],
        ["AUDITOR", "MANUAL"],
      ].sort(),
    );
    const sync = await db.auditEvent.findFirstOrThrow({ where: { targetId: first.userId, action: "user.roles_sync" } });
    expect(sync.summary).toContain("removed ADMIN");
  });

  it("a person whose every role came from groups now mapping none is refused, with their roles gone", async () => {
    const first = await signOn({ subject: "okta|gone", email: "gone@example.com", roles: ["OWNER"] });
    if (!first.ok) throw new Error("first sign-on refused");
    expect(await signOn({ subject: "okta|gone", email: "gone@example.com", roles: [] })).toEqual({ ok: false, reason: "no-role" });
    expect(await db.userRoleGrant.count({ where: { userId: first.userId } })).toBe(0);
  });

  it("a deactivated person is refused", async () => {
    const first = await signOn({ subject: "okta|left", email: "left@example.com", roles: ["OWNER"] });
    if (!first.ok) throw new Error("first sign-on refused");
    await db.user.update({ where: { id: first.userId }, data: { active: false } });
    expect(await signOn({ subject: "okta|left", email: "left@example.com", roles: ["OWNER"] })).toEqual({ ok: false, reason: "deactivated" });
  });
});
