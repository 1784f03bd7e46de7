// A person signed out.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const recordSignOut = defineCommand({
  name: "auth.sign_out",
  input: z.strictObject({}),
  permission: "self",
  callers: { USER: true },
  async execute(_tx, _input, access) {
    const { userId, email } = access.ctx;
    return { result: { id: userId }, audit: [{ action: "auth.sign_out", targetType: "User", targetId: userId, summary: `${email} signed out` }] };
  },
});
