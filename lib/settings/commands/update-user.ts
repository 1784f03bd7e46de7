// Changes a person: name, roles, team, manager, active. Only an ADMIN; nobody removes their
// own ADMIN role or deactivates themselves; a manager chain must end.
import { userUpdateInput } from "@/lib/catalogue/schemas";
import { defineCommand } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import { invalid, notFound } from "@/lib/server/errors";

async function assertNoManagerCycle(tx: Tx, userId: string, managerId: string | undefined) {
  for (let current = managerId, hops = 0; current && hops < 100; hops++) {
    if (current === userId) throw invalid("Some fields need attention.", { managerId: ["That would make a management loop"] });
    const next = await tx.user.findUnique({ where: { id: current }, select: { managerId: true } });
    current = next?.managerId ?? undefined;
  }
}

export const updateUser = defineCommand({
  name: "user.update",
  input: userUpdateInput,
  permission: "user.manage",
  callers: { USER: true },
  references: { teamId: "team", managerId: "user" },
  async execute(tx, input, access) {
    if (input.id === access.ctx.userId && (!input.active || !input.roles.includes("ADMIN"))) {
      throw invalid("Some fields need attention.", { roles: ["You cannot remove your own ADMIN role or deactivate yourself"] });
    }
    const before = await tx.user.findUnique({ where: { id: input.id }, include: { roles: true } });
    if (!before) throw notFound("The user");
    await assertNoManagerCycle(tx, input.id, input.managerId);
    const roles = [...new Set(input.roles)];
    // A role the identity provider's groups gave stays theirs (it keeps following the groups); one ticked here is set by hand.
    const fromProvider = new Set(before.roles.filter((r) => r.source === "IDENTITY_PROVIDER").map((r) => r.role));
    await tx.userRoleGrant.deleteMany({ where: { userId: input.id } });
    await tx.userRoleGrant.createMany({
      data: roles.map((role) => ({ userId: input.id, role, source: fromProvider.has(role) ? ("IDENTITY_PROVIDER" as const) : ("MANUAL" as const) })),
    });
    const after = await tx.user.update({
      where: { id: input.id },
      data: { name: input.name, active: input.active, teamId: input.teamId ?? null, managerId: input.managerId ?? null },
    });
    const deactivated = before.active && !input.active;
    return {
      result: after,
      audit: [
        {
          action: deactivated ? "user.deactivate" : "user.update",
          targetType: "User",
          targetId: input.id,
          summary: deactivated ? `Deactivated ${before.email}` : `Updated ${before.email}`,
          before: { ...before, roles: before.roles.map((r) => r.role) },
          after: { ...after, roles },
        },
      ],
    };
  },
});
