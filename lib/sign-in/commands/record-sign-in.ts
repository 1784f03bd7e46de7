// A person signed in: their last sign-in time, and the audit event of the session.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const recordSignIn = defineCommand({
  name: "auth.sign_in",
  input: z.strictObject({ method: z.enum(["password", "single sign-on"]) }),
  permission: "self",
  callers: { USER: true },
  async execute(tx, { method }, access) {
    const user = await tx.user.update({ where: { id: access.ctx.userId }, data: { lastLoginAt: new Date() }, select: { id: true, email: true } });
    return {
      result: { id: user.id },
      audit: [
        {
          action: "auth.sign_in",
          targetType: "User",
          targetId: user.id,
          summary: `${user.email} signed in with ${method === "password" ? "a password" : "single sign-on"}`,
        },
      ],
    };
  },
});
