// A person signed in: their last sign-in time, the session the browser's cookie will name, and
// the audit event of it.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const recordSignIn = defineCommand({
  name: "auth.sign_in",
  input: z.strictObject({ method: z.enum(["password", "single sign-on"]) }),
  permission: "self",
  callers: { USER: true },
  async execute(tx, { method }, access) {
    const user = await tx.user.update({ where: { id: access.ctx.userId }, data: { lastLoginAt: new Date() }, select: { id: true, email: true } });
    const session = await tx.userSession.create({ data: { userId: user.id, method }, select: { id: true } });
    return {
      result: { id: user.id, sessionId: session.id },
      audit: [
        {
          action: "auth.sign_in",
          targetType: "User",
          targetId: user.id,
          summary: `${user.email} signed in with ${method === "password" ? "a password" : "single sign-on"}`,
          after: { sessionId: session.id },
        },
      ],
    };
  },
});
