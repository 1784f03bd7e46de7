// A failed password sign-in, and the lockout it may start. Audited against the account the
// email names (or the email itself when no such account exists), never with the password.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const recordSignInFailure = defineCommand({
  name: "auth.sign_in_failed",
  input: z.strictObject({ email: z.string().max(320), lockedUntil: z.date().nullable() }),
  permission: "self",
  callers: { SYSTEM: true },
  async execute(tx, { email, lockedUntil }) {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    const target = user ? { targetType: "User", targetId: user.id } : { targetType: "SignIn", targetId: email.slice(0, 190) };
    return {
      result: { locked: lockedUntil !== null },
      audit: [
        { action: "auth.sign_in_failed", ...target, summary: `Failed password sign-in for ${email}` },
        ...(lockedUntil
          ? [{ action: "auth.lockout", ...target, summary: `Password sign-in for ${email} paused until ${lockedUntil.toISOString()} after repeated failures` }]
          : []),
      ],
    };
  },
});
