// A person signed out: the session their cookie named ends, wherever the cookie was copied.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const recordSignOut = defineCommand({
  name: "auth.sign_out",
  input: z.strictObject({ sessionId: z.string().min(1).max(64).optional() }),
  permission: "self",
  callers: { USER: true },
  async execute(tx, { sessionId }, access) {
    const { userId, email } = access.ctx;
    // Only the caller's own session: an id of someone else's matches nothing.
    const { count } = sessionId
      ? await tx.userSession.updateMany({ where: { id: sessionId, userId, endedAt: null }, data: { endedAt: new Date(), endReason: "signed out" } })
      : { count: 0 };
    return {
      result: { id: userId, ended: count },
      audit: [{ action: "auth.sign_out", targetType: "User", targetId: userId, summary: `${email} signed out`, after: { sessionId: sessionId ?? null } }],
    };
  },
});
