// Registers a consumer (a person, service account, partner application or AI agent).
import type { Environment } from "@/lib/generated/prisma/enums";
import { defineCommand } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import { conflict } from "@/lib/server/errors";
import { consumerData } from "../consumer-facts";
import { effectiveOwner } from "../ownership";
import { setIdentities } from "../identities";
import { consumerInput } from "../schemas";

/** A consumer's name is unique per environment. */
export async function assertConsumerNameFree(tx: Tx, name: string, environment: Environment, exceptId?: string) {
  const clash = await tx.consumer.findFirst({ where: { name, environment, ...(exceptId && { NOT: { id: exceptId } }) }, select: { id: true } });
  if (clash) throw conflict("That name is taken.", { name: ["A consumer with this name already exists in this environment"] });
}

export const createConsumer = defineCommand({
  name: "consumer.create",
  input: consumerInput,
  permission: "consumer.create",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  references: { teamId: "team", ownerId: "user", comparableRoleId: "jobRole" },
  async execute(tx, input, access) {
    const ownerId = effectiveOwner(access, input.ownerId);
    await assertConsumerNameFree(tx, input.name, input.environment);
    const consumer = await tx.consumer.create({ data: { ...consumerData(input), ownerId } });
    const identities = await setIdentities(tx, consumer.id, input.identities ?? []);
    return {
      result: consumer,
      audit: [
        {
          action: "consumer.create",
          targetType: "Consumer",
          targetId: consumer.id,
          summary: `Created ${consumer.kind} consumer ${consumer.name}`,
          after: { ...consumer, identities: identities.after },
        },
      ],
    };
  },
});
