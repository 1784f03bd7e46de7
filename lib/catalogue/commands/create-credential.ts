// Records a credential of a consumer the caller may change.
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { credentialFacts } from "../consumer-facts";
import { credentialInput } from "../schemas";

export const createCredential = defineCommand({
  name: "credential.create",
  input: credentialInput,
  permission: "credential.create",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  references: { consumerId: "consumer" },
  async execute(tx, { consumerId, ...fields }, access) {
    const consumer = await tx.consumer.findFirst({ where: { id: consumerId, ...access.owned("ownerId") }, select: { id: true, name: true, status: true } });
    if (!consumer) throw notFound("The consumer");
    if (consumer.status === "DECOMMISSIONED") throw conflict("A decommissioned consumer cannot get new credentials.");
    const credential = await tx.credential.create({ data: { ...credentialFacts(fields), consumers: { create: { consumerId } } } });
    return {
      result: credential,
      audit: [
        {
          action: "credential.create",
          targetType: "Credential",
          targetId: credential.id,
          summary: `Added ${credential.type} credential ${credential.label} to ${consumer.name}`,
          after: credential,
        },
      ],
    };
  },
});
