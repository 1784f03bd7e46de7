// Revokes a credential: final, it can no longer change.
import { defineCommand } from "@/lib/server/command";
import { idInput } from "../schemas";
import { liveCredential } from "./credential-reach";

export const revokeCredential = defineCommand({
  name: "credential.revoke",
  input: idInput,
  permission: "credential.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, { id }, access) {
    const before = await liveCredential(tx, id, access);
    // Conditional: of two revocations at once, one wins and the other finds it revoked.
    const { count } = await tx.credential.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) return { result: before, audit: [] };
    const after = await tx.credential.findUniqueOrThrow({ where: { id } });
    return {
      result: after,
      audit: [{ action: "credential.revoke", targetType: "Credential", targetId: id, summary: `Revoked credential ${before.label}`, before, after }],
    };
  },
});
