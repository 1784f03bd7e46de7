// A sign-on through the identity provider, once its answer is verified: the person it names, by
// the (issuer, subject) link only. A first sign-on may link an existing user by email — only a
// verified email, only a user not linked yet, only where allowed — or create the person with the
// roles their groups map to. Roles that came from groups follow them at every sign-on; roles set
// by hand stay. Every link, creation, role change and refusal is audited; a refusal changes nothing else.
import { z } from "zod";
import type { AuditEntry } from "@/lib/audit/service";
import { UserRole } from "@/lib/generated/prisma/enums";
import { defineCommand, type Change } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import type { SsoRefusal } from "../refusals";
import { roleSync } from "../roles-from-groups";

type Outcome = { ok: true; userId: string; sessionId: string } | { ok: false; reason: SsoRefusal };

const input = z.strictObject({
  issuer: z.string().min(1).max(500),
  subject: z.string().min(1).max(255),
  email: z
    .email()
    .max(320)
    .transform((e) => e.toLowerCase())
    .optional(),
  emailVerified: z.boolean(),
  name: z.string().trim().max(200).optional(),
  roles: z.array(z.enum(UserRole)),
  linkByEmail: z.enum(["verified", "off"]),
  unmapped: z.enum(["refuse", "inactive"]),
});

const who = (i: z.output<typeof input>) => i.email ?? `subject ${i.subject}`;

function refuse(reason: SsoRefusal, i: z.output<typeof input>, userId?: string): Change<Outcome> {
  return {
    result: { ok: false, reason },
    audit: [
      {
        action: "auth.sso_refused",
        targetType: userId ? "User" : "SignIn",
        targetId: userId ?? i.subject.slice(0, 190),
        summary: `Single sign-on refused for ${who(i)} (${reason})`,
        after: { issuer: i.issuer, subject: i.subject, reason },
      },
    ],
  };
}

/** Brings the roles that came from groups in line with the groups now; the audit event of the change, if any. */
async function followGroups(tx: Tx, userId: string, email: string, mapped: UserRole[]) {
  const current = await tx.userRoleGrant.findMany({ where: { userId }, select: { role: true, source: true } });
  const sync = roleSync(current, mapped);
  if (sync.add.length === 0 && sync.remove.length === 0) return { roles: sync.after, audit: [] };
  await tx.userRoleGrant.deleteMany({ where: { userId, role: { in: sync.remove }, source: "IDENTITY_PROVIDER" } });
  await tx.userRoleGrant.createMany({ data: sync.add.map((role) => ({ userId, role, source: "IDENTITY_PROVIDER" as const })) });
  const entry: AuditEntry = {
    action: "user.roles_sync",
    targetType: "User",
    targetId: userId,
    summary: `Roles of ${email} follow the identity provider's groups: ${sync.add.length ? `added ${sync.add.join(", ")}` : ""}${sync.add.length && sync.remove.length ? "; " : ""}${sync.remove.length ? `removed ${sync.remove.join(", ")}` : ""}`,
    before: { roles: current.map((r) => r.role).sort() },
    after: { roles: sync.after },
  };
  return { roles: sync.after, audit: [entry] };
}

async function signedIn(tx: Tx, userId: string, email: string, audit: AuditEntry[]): Promise<Change<Outcome>> {
  await tx.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
  const session = await tx.userSession.create({ data: { userId, method: "single sign-on" }, select: { id: true } });
  return {
    result: { ok: true, userId, sessionId: session.id },
    audit: [
      ...audit,
      { action: "auth.sign_in", targetType: "User", targetId: userId, summary: `${email} signed in with single sign-on`, after: { sessionId: session.id } },
    ],
  };
}

export const ssoSignOn = defineCommand({
  name: "auth.sso_sign_on",
  input,
  permission: "self",
  callers: { SYSTEM: true },
  async execute(tx, i): Promise<Change<Outcome>> {
    const select = { id: true, email: true, active: true, oidcIssuer: true, oidcSubject: true } as const;
    // The link, or a link made before issuers were recorded (the subject alone), which this sign-on completes.
    const linked = await tx.user.findFirst({ where: { oidcSubject: i.subject, OR: [{ oidcIssuer: i.issuer }, { oidcIssuer: null }] }, select });
    const audit: AuditEntry[] = [];
    let user = linked;
    if (linked) {
      if (!linked.oidcIssuer) {
        await tx.user.update({ where: { id: linked.id }, data: { oidcIssuer: i.issuer } });
        audit.push({
          action: "user.sso_link",
          targetType: "User",
          targetId: linked.id,
          summary: `${linked.email}'s single sign-on link now names its provider ${i.issuer}`,
        });
      }
    } else {
      if (!i.email) return refuse("no-email", i);
      const byEmail = await tx.user.findUnique({ where: { email: i.email }, select });
      if (byEmail) {
        if (byEmail.oidcSubject) return refuse("linked-elsewhere", i, byEmail.id);
        if (i.linkByEmail === "off") return refuse("linking-off", i, byEmail.id);
        if (!i.emailVerified) return refuse("email-unverified", i, byEmail.id);
        if (!byEmail.active) return refuse("deactivated", i, byEmail.id);
        await tx.user.update({ where: { id: byEmail.id }, data: { oidcIssuer: i.issuer, oidcSubject: i.subject } });
        audit.push({
          action: "user.sso_link",
          targetType: "User",
          targetId: byEmail.id,
          summary: `${byEmail.email} linked to single sign-on identity ${i.subject} at ${i.issuer} by verified email`,
          after: { issuer: i.issuer, subject: i.subject },
        });
        user = byEmail;
      } else {
        if (!i.emailVerified) return refuse("email-unverified", i);
        if (i.roles.length === 0 && i.unmapped === "refuse") return refuse("no-role", i);
        const created = await tx.user.create({
          data: {
            email: i.email,
            name: i.name || i.email,
            oidcIssuer: i.issuer,
            oidcSubject: i.subject,
            // Nobody with no role works in the console: such a person waits, inactive, for an administrator.
            active: i.roles.length > 0,
            roles: { create: i.roles.map((role) => ({ role, source: "IDENTITY_PROVIDER" as const })) },
          },
          select,
        });
        audit.push({
          action: "user.create",
          targetType: "User",
          targetId: created.id,
          summary: `${created.email} created at first single sign-on with roles ${i.roles.join(", ") || "none (inactive until an administrator gives a role)"}`,
          after: { email: created.email, roles: i.roles, active: created.active, issuer: i.issuer, subject: i.subject },
        });
        if (!created.active) return { result: { ok: false, reason: "no-role" }, audit: [...audit, ...refuse("no-role", i, created.id).audit] };
        return signedIn(tx, created.id, created.email, audit);
      }
    }
    if (!user) return refuse("no-email", i);
    if (!user.active) return { result: { ok: false, reason: "deactivated" }, audit: [...audit, ...refuse("deactivated", i, user.id).audit] };
    const roles = await followGroups(tx, user.id, user.email, i.roles);
    audit.push(...roles.audit);
    if (roles.roles.length === 0) return { result: { ok: false, reason: "no-role" }, audit: [...audit, ...refuse("no-role", i, user.id).audit] };
    return signedIn(tx, user.id, user.email, audit);
  },
});
