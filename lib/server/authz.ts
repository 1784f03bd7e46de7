// Who is calling, and may they? The only module that calls auth(). Every query and
// mutation in lib/ takes the Ctx made here and checks the permission table with it.
import { redirect } from "next/navigation";
import type { TokenScope } from "@/lib/api/token-scopes";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { db } from "./db";
import { AppError, forbidden } from "./errors";
import { type Action, type Reach, reachOf } from "./permissions";

// Who makes a change. A token is a principal of its own but never without a person: it acts
// for the user who created it (userId), with at most that user's reach, narrowed by its scopes.
export type Actor =
  | { kind: "USER"; userId: string; label: string }
  | { kind: "API_TOKEN"; tokenId: string; label: string; userId: string; scopes: readonly TokenScope[] }
  | { kind: "SYSTEM"; label: string };

export type Ctx = {
  userId: string;
  roles: UserRole[];
  name: string;
  email: string;
  actor: Actor;
};

/** Loads the caller fresh from the database: a deactivated user is out at the next request. */
export async function currentUser(): Promise<Ctx | null> {
  // Imported on use so that lib/ code and its tests, which receive a Ctx, never load Auth.js.
  const { auth } = await import("./auth");
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await db.user.findFirst({
    where: { id: userId, active: true },
    select: { id: true, name: true, email: true, roles: { select: { role: true } } },
  });
  if (!user) return null;
  return contextFor(user);
}

export function contextFor(user: { id: string; name: string; email: string; roles: { role: UserRole }[] }): Ctx {
  return {
    userId: user.id,
    roles: user.roles.map((r) => r.role),
    name: user.name,
    email: user.email,
    actor: { kind: "USER", userId: user.id, label: user.email },
  };
}

/** The person accountable for a change: the user, or the user a token acts for; none for the system. */
export function personOf(ctx: Pick<Ctx, "actor">): string | null {
  return ctx.actor.kind === "SYSTEM" ? null : ctx.actor.userId;
}

/** The context of background work and command-line scripts: trusted code, no person behind it. */
export function systemCtx(label: string): Ctx {
  return { userId: "", roles: [], name: label, email: "", actor: { kind: "SYSTEM", label } };
}

/** For pages: a visitor without a live session goes to the sign-in page. */
export async function requireUser(): Promise<Ctx> {
  const ctx = await currentUser();
  if (!ctx) redirect("/login");
  return ctx;
}

/** For server actions and route handlers: no live session is an error, not a redirect. */
export async function requireSession(): Promise<Ctx> {
  const ctx = await currentUser();
  if (!ctx) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return ctx;
}

/** The caller's reach for an action; throws when they have none. */
export function requirePermission(ctx: Ctx, action: Action): Reach {
  const reach = reachOf(ctx.roles, action);
  if (!reach) throw forbidden();
  return reach;
}

/**
 * A Prisma `where` fragment that limits rows to what the caller may act on:
 * nothing extra for "all", the owner column for "own". A miss then reads as "not found".
 */
export function ownedWhere<K extends string>(ctx: Ctx, action: Action, ownerField: K): Partial<Record<K, string>> {
  const reach = requirePermission(ctx, action);
  return reach === "all" ? {} : ({ [ownerField]: ctx.userId } as Record<K, string>);
}
