// Who is calling, and may they? The only module that calls auth(). Every query and
// mutation in lib/ takes the Ctx made here and checks the permission table with it.
import type { TokenScope } from "@/lib/api/token-scopes";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { forbidden } from "./errors";
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
