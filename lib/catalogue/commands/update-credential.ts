// Changes the recorded facts of a credential (the consumers it serves do not change here).
import { defineCommand } from "@/lib/server/command";
import { changedFields, credentialFacts } from "../consumer-facts";
import { credentialUpdateInput } from "../schemas";
import { liveCredential } from "./credential-reach";

export const updateCredential = defineCommand({
  name: "credential.update",
  input: credentialUpdateInput,
  permission: "credential.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async current(tx, id, access) {
    const c = await liveCredential(tx, id, access);
    return {
      label: c.label,
      type: c.type,
      lastRotatedAt: c.lastRotatedAt,
      expiresAt: c.expiresAt,
      accessTokenTtlSeconds: c.accessTokenTtlSeconds,
      refreshTokenTtlSeconds: c.refreshTokenTtlSeconds,
      senderConstraint: c.senderConstraint,
      audience: c.audience,
    };
  },
  async execute(tx, { id, ...fields }, access) {
    const before = await liveCredential(tx, id, access);
    const data = credentialFacts(fields);
    const changed = changedFields(before, data);
    if (changed.length === 0) return { result: before, audit: [] };
    const after = await tx.credential.update({ where: { id }, data });
    return {
      result: after,
      audit: [
        {
          action: "credential.update",
          targetType: "Credential",
          targetId: id,
          summary: `Updated credential ${before.label} (${changed.join(", ")})`,
          before,
          after,
        },
      ],
    };
  },
});
