// Creates a person with a password and their console roles. Only an ADMIN.
import bcrypt from "bcryptjs";
import { userCreateInput } from "@/lib/catalogue/schemas";
import { defineCommand } from "@/lib/server/command";
import { conflict } from "@/lib/server/errors";

export const createUser = defineCommand({
  name: "user.create",
  input: userCreateInput,
  permission: "user.manage",
  callers: { USER: true },
  references: { teamId: "team", managerId: "user" },
  async execute(tx, input) {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw conflict("That email is taken.", { email: ["A user with this email already exists"] });
    }
    const roles = [...new Set(input.roles)];
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash: await bcrypt.hash(input.password, 10),
        teamId: input.teamId ?? null,
        managerId: input.managerId ?? null,
        roles: { create: roles.map((role) => ({ role })) },
      },
    });
    return {
      result: user,
      audit: [
        {
          action: "user.create",
          targetType: "User",
          targetId: user.id,
          summary: `Created user ${user.email} with roles ${roles.join(", ") || "none"}`,
          after: { ...user, roles },
        },
      ],
    };
  },
});
