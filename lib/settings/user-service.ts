// People and their console roles. Authorization invariant: only an ADMIN manages users
// (the permission table's "user.manage"); AUDITORs may read the list.
import bcrypt from "bcryptjs";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/service";
import { userCreateInput, userUpdateInput } from "@/lib/catalogue/schemas";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { containsText, db, type Tx } from "@/lib/server/db";
import { invalid, notFound } from "@/lib/server/errors";
import { paged } from "@/lib/lists/params";
import { parseInput } from "@/lib/server/validation";

export async function listUsers(ctx: Ctx, p: { q?: string; page: number; pageSize: number }) {
  requirePermission(ctx, "user.read");
  const where: Prisma.UserWhereInput = p.q ? { OR: [{ name: containsText(p.q) }, { email: containsText(p.q) }] } : {};
  return paged(
    p,
    (window) =>
      db.user.findMany({
        where,
        orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }],
        select: {
          id: true,
          name: true,
          email: true,
          active: true,
          lastLoginAt: true,
          team: { select: { id: true, name: true } },
          manager: { select: { id: true, name: true } },
          roles: { select: { role: true } },
          _count: { select: { ownedConsumers: true, ownedApis: true } },
        },
        ...window,
      }),
    () => db.user.count({ where }),
  );
}

/** A manager chain must end: walking up from the proposed manager must never reach the user. */
async function assertNoManagerCycle(tx: Tx, userId: string, managerId: string | undefined) {
  for (let current = managerId, hops = 0; current && hops < 100; hops++) {
    if (current === userId) throw invalid("Some fields need attention.", { managerId: ["That would make a management loop"] });
    const next = await tx.user.findUnique({ where: { id: current }, select: { managerId: true } });
    current = next?.managerId ?? undefined;
  }
}

export async function updateUser(ctx: Ctx, raw: unknown) {
  const input = parseInput(userUpdateInput, raw);
  requirePermission(ctx, "user.manage");
  if (input.id === ctx.userId && (!input.active || !input.roles.includes("ADMIN"))) {
    throw invalid("Some fields need attention.", { roles: ["You cannot remove your own ADMIN role or deactivate yourself"] });
  }
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.id }, include: { roles: true } });
    if (!before) throw notFound("The user");
    await assertNoManagerCycle(tx, input.id, input.managerId);
    await tx.userRoleGrant.deleteMany({ where: { userId: input.id } });
    await tx.userRoleGrant.createMany({ data: [...new Set(input.roles)].map((role) => ({ userId: input.id, role })) });
    const after = await tx.user.update({
      where: { id: input.id },
      data: { name: input.name, active: input.active, teamId: input.teamId ?? null, managerId: input.managerId ?? null },
    });
    const summary = before.active && !input.active ? `Deactivated ${before.email}` : `Updated ${before.email}`;
    await recordAudit(tx, ctx.actor, {
      action: before.active && !input.active ? "user.deactivate" : "user.update",
      targetType: "User",
      targetId: input.id,
      summary,
      before: { ...before, roles: before.roles.map((r) => r.role) },
      after: { ...after, roles: input.roles },
    });
    return after;
  });
}

export async function createUser(ctx: Ctx, raw: unknown) {
  const input = parseInput(userCreateInput, raw);
  requirePermission(ctx, "user.manage");
  const passwordHash = await bcrypt.hash(input.password, 10);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw invalid("Some fields need attention.", { email: ["A user with this email already exists"] });
    }
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        teamId: input.teamId ?? null,
        managerId: input.managerId ?? null,
        roles: { create: [...new Set(input.roles)].map((role) => ({ role })) },
      },
    });
    await recordAudit(tx, ctx.actor, {
      action: "user.create",
      targetType: "User",
      targetId: user.id,
      summary: `Created user ${user.email} with roles ${input.roles.join(", ") || "none"}`,
      after: { ...user, roles: input.roles },
    });
    return user;
  });
}
