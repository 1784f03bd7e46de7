// Revokes a token: calls with it fail at once. An OWNER revokes only their own tokens.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";

export const revokeToken = defineCommand({
  name: "token.revoke",
  input: z.strictObject({ id: z.string().trim().min(1).max(64) }),
  permission: "token.manage",
  callers: { USER: true },
  async execute(tx, { id }, access) {
    const token = await tx.apiToken.findFirst({ where: { id, ...access.owned("createdById") } });
    if (!token) throw notFound("The token");
    const now = new Date();
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw conflict("This token is already revoked.");
    return {
      result: { id },
      audit: [
        {
          action: "token.revoke",
          targetType: "ApiToken",
          targetId: id,
          summary: `Revoked API token ${token.name}`,
          before: { revokedAt: null },
          after: { revokedAt: now },
        },
      ],
    };
  },
});
