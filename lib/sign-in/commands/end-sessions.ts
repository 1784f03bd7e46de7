// Ends every open session of a person at once: their own ("sign out everywhere", after a lost
// laptop), or anyone's for an administrator. Each browser holding one of them is signed out at
// its next request.
import { z } from "zod";
import { requirePermission } from "@/lib/server/authz";
import { defineCommand } from "@/lib/server/command";
import { notFound } from "@/lib/server/errors";

export const endSessions = defineCommand({
  name: "auth.end_sessions",
  input: z.strictObject({ userId: z.string().trim().min(1).max(64) }),
  permission: "self",
  callers: { USER: true },
  async execute(tx, { userId }, access) {
    const { ctx } = access;
    // Someone else's sessions: administrators only.
    if (userId !== ctx.userId) requirePermission(ctx, "user.manage");
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) throw notFound("The user");
    const reason = userId === ctx.userId ? "signed out everywhere" : `all sessions ended by ${ctx.email}`;
    const { count } = await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
    return {
      result: { ended: count },
      audit: [
        {
          action: "auth.end_sessions",
          targetType: "User",
          targetId: userId,
          summary: `${count === 1 ? "1 session" : `${count} sessions`} of ${user.email} ended (${reason})`,
          after: { ended: count },
        },
      ],
    };
  },
});
