// Records that a credential was rotated now.
import { defineCommand } from "@/lib/server/command";
import { idInput } from "../schemas";
import { liveCredential } from "./credential-reach";

export const rotateCredential = defineCommand({
  name: "credential.rotate",
  input: idInput,
  permission: "credential.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, { id }, access) {
    const before = await liveCredential(tx, id, access);
    const after = await tx.credential.update({ where: { id }, data: { lastRotatedAt: new Date() } });
    return {
      result: after,
      audit: [{ action: "credential.rotate", targetType: "Credential", targetId: id, summary: `Recorded rotation of ${before.label}`, before, after }],
    };
  },
});
