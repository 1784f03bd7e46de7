import { contextFor, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { expect } from "vitest";

export const DEMO = {
  admin: "admin@scopeward.test",
  owner: "owner@scopeward.test",
  manager: "manager@scopeward.test",
  exec: "exec@scopeward.test",
  auditor: "auditor@scopeward.test",
} as const;

/** The contexts of several people at once, in the order given. */
export async function ctxsFor<const T extends readonly string[]>(...emails: T): Promise<{ [K in keyof T]: Ctx }> {
  const ctxs = await Promise.all(emails.map(ctxFor));
  // Promise.all over a mapped array loses the tuple's length; it is the one given.
  return ctxs as { [K in keyof T]: Ctx };
}

export async function ctxFor(email: string): Promise<Ctx> {
  const user = await db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, name: true, email: true, roles: { select: { role: true } } },
  });
  return contextFor(user);
}

/** Row counts of every table a catalogue mutation could touch: equal before and after means nothing was written. */
export async function rowCounts() {
  const [apis, scopes, consumers, credentials, links, grants, grantScopes, users, roles, audit] = await Promise.all([
    db.api.count(),
    db.scope.count(),
    db.consumer.count(),
    db.credential.count(),
    db.consumerCredential.count(),
    db.grant.count(),
    db.grantScope.count(),
    db.user.count(),
    db.userRoleGrant.count(),
    db.auditEvent.count(),
  ]);
  return { apis, scopes, consumers, credentials, links, grants, grantScopes, users, roles, audit };
}

/** Fingerprint of live state, to prove a refused update changed nothing (counts alone would miss an update). */
export async function liveStateDigest() {
  const [grants, grantScopes, scopes, consumers, apis, credentials, users] = await Promise.all([
    db.grant.findMany({ select: { id: true, status: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db.grantScope.findMany({ select: { grantId: true, scopeId: true, expiresAt: true }, orderBy: [{ grantId: "asc" }, { scopeId: "asc" }] }),
    db.scope.findMany({ select: { id: true, level: true, description: true }, orderBy: { id: "asc" } }),
    db.consumer.findMany({ select: { id: true, status: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db.api.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db.credential.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db.user.findMany({ select: { id: true, updatedAt: true, active: true }, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ grants, grantScopes, scopes, consumers, apis, credentials, users });
}

export async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
