// Creates a console API token for the caller: it acts for them from now on. The secret is in
// the result and nowhere else.
import { randomBytes } from "node:crypto";
import { defineCommand } from "@/lib/server/command";
import { hashToken, TOKEN_PREFIX, tokenInput } from "../tokens";

const DAY = 86_400_000;

export const createToken = defineCommand({
  name: "token.create",
  input: tokenInput,
  permission: "token.manage",
  callers: { USER: true },
  async execute(tx, input, access) {
    const secret = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
    const scopes = [...new Set(input.scopes)].sort();
    const token = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, 10),
        scopes: scopes.join(" "),
        createdById: access.person,
        expiresAt: new Date(Date.now() + input.days * DAY),
      },
    });
    return {
      result: { id: token.id, name: token.name, scopes, expiresAt: token.expiresAt, secret },
      audit: [
        {
          action: "token.create",
          targetType: "ApiToken",
          targetId: token.id,
          summary: `Created API token ${token.name} (${scopes.join(", ")}), expires ${token.expiresAt.toISOString().slice(0, 10)}`,
          after: { name: token.name, scopes, expiresAt: token.expiresAt, prefix: token.prefix, createdById: access.person },
        },
      ],
    };
  },
});
