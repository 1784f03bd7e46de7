// A person's first single sign-on: their console user, with the roles their identity
// provider's groups map to. Links an existing user of the same email to the subject.
import { z } from "zod";
import { UserRole } from "@/lib/generated/prisma/enums";
import { defineCommand } from "@/lib/server/command";

export const provisionSsoUser = defineCommand({
  name: "user.sso_provision",
  input: z.strictObject({ subject: z.string().min(1).max(255), email: z.email().max(320), name: z.string().trim().min(1).max(200), roles: z.array(z.enum(UserRole)) }),
  permission: "self",
  callers: { SYSTEM: true },
  async execute(tx, input) {
    const existing = await tx.user.findFirst({ where: { OR: [{ oidcSubject: input.subject }, { email: input.email }] }, select: { id: true, active: true, oidcSubject: true } });
    if (existing) {
      if (!existing.active) return { result: null, audit: [] };
      if (existing.oidcSubject) return { result: { id: existing.id }, audit: [] };
      await tx.user.update({ where: { id: existing.id }, data: { oidcSubject: input.subject } });
      return { result: { id: existing.id }, audit: [{ action: "user.sso_link", targetType: "User", targetId: existing.id, summary: `${input.email} linked to a single sign-on identity` }] };
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, oidcSubject: input.subject, roles: { create: input.roles.map((role) => ({ role })) } },
      select: { id: true },
    });
    return {
      result: { id: user.id },
      audit: [
        {
          action: "user.create",
          targetType: "User",
          targetId: user.id,
          summary: `${input.email} created at first single sign-on with roles ${input.roles.join(", ") || "none"}`,
          after: { email: input.email, name: input.name, roles: input.roles },
        },
      ],
    };
  },
});
