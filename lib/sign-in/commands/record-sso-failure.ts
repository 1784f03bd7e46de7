// A sign-on that failed before anyone could be named: the provider unreachable or its answer
// unverifiable. Audited, with the cause.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const recordSsoFailure = defineCommand({
  name: "auth.sso_refused",
  input: z.strictObject({ reason: z.enum(["unreachable", "token-invalid", "cancelled"]), cause: z.string().max(500) }),
  permission: "self",
  callers: { SYSTEM: true },
  async execute(_tx, { reason, cause }) {
    return {
      result: { reason },
      audit: [{ action: "auth.sso_refused", targetType: "SignIn", targetId: "single sign-on", summary: `Single sign-on failed (${reason}): ${cause}` }],
    };
  },
});
