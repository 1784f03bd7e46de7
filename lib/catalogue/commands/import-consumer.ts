// Creates a consumer from an imported file, with the state and history the file records: its
// status (a suspended or decommissioned consumer stays so) and its creation date.
import { defineCommand } from "@/lib/server/command";
import { consumerData } from "../consumer-facts";
import { effectiveOwner } from "../ownership";
import { setIdentities } from "../identities";
import { consumerImportInput } from "../schemas";
import { assertConsumerNameFree } from "./create-consumer";

export const importConsumer = defineCommand({
  name: "consumer.create",
  input: consumerImportInput,
  permission: "consumer.create",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  references: { teamId: "team", ownerId: "user", comparableRoleId: "jobRole" },
  async execute(tx, input, access) {
    // A file's empty owner means none (an ownerless consumer is a finding to keep, not to hide);
    // an OWNER still owns what they import.
    const ownerId = access.reach === "all" ? (input.ownerId ?? null) : effectiveOwner(access, input.ownerId);
    await assertConsumerNameFree(tx, input.name, input.environment);
    const decommissioned = input.status === "DECOMMISSIONED";
    const consumer = await tx.consumer.create({
      data: {
        ...consumerData(input),
        ownerId,
        status: input.status,
        ...(input.createdAt && { createdAt: input.createdAt }),
        decommissionedAt: decommissioned ? (input.decommissionedAt ?? new Date()) : null,
      },
    });
    const identities = await setIdentities(tx, consumer.id, input.identities ?? []);
    return {
      result: consumer,
      audit: [
        {
          action: "consumer.create",
          targetType: "Consumer",
          targetId: consumer.id,
          summary: `Imported ${consumer.kind} consumer ${consumer.name} (${consumer.status.toLowerCase()})`,
          after: { ...consumer, identities: identities.after },
        },
      ],
    };
  },
});
