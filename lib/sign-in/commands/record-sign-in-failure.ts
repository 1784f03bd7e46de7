// A failed password sign-in, and the lockout it may start. Audited against the account the
// email names (or the email itself when no such account exists), never with the password.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const recordSignInFailure = defineCommand({
  name: "auth.sign_in_failed",
  input: z.strictObject({
    email: z.string().max(320),
    address: z.string().max(64),
    locks: z.array(z.strictObject({ lock: z.enum(["account from this address", "address", "account"]), until: z.date() })).max(3),
  }),
  permission: "self",
  callers: { SYSTEM: true },
  async execute(tx, { email, address, locks }) {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    const target = user ? { targetType: "User", targetId: user.id } : { targetType: "SignIn", targetId: email.slice(0, 190) };
    return {
      result: { locked: locks.length > 0 },
      audit: [
        { action: "auth.sign_in_failed", ...target, summary: `Failed password sign-in for ${email} from ${address}` },
        ...locks.map(({ lock, until }) => ({
          action: "auth.lockout",
          ...target,
          summary: `Password sign-in paused until ${until.toISOString()} after repeated failures: ${
            lock === "address" ? `every account from ${address}` : lock === "account" ? `${email} from anywhere` : `${email} from ${address}`
          }`,
        })),
      ],
    };
  },
});
