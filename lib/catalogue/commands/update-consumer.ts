// Changes a consumer. Authorization: an OWNER only consumers they own (in the `where`).
import { defineCommand, type Access } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import { conflict, notFound } from "@/lib/server/errors";
import { changedFields, consumerData } from "../consumer-facts";
import { effectiveOwner } from "../ownership";
import { setIdentities } from "../identities";
import { consumerUpdateInput } from "../schemas";
import { assertConsumerNameFree } from "./create-consumer";

async function ownConsumer(tx: Tx, id: string, access: Access) {
  const consumer = await tx.consumer.findFirst({ where: { id, ...access.owned("ownerId") } });
  if (!consumer) throw notFound("The consumer");
  return consumer;
}

export const updateConsumer = defineCommand({
  name: "consumer.update",
  input: consumerUpdateInput,
  permission: "consumer.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  references: { teamId: "team", ownerId: "user", comparableRoleId: "jobRole" },
  async current(tx, id, access) {
    const c = await ownConsumer(tx, id, access);
    return {
      kind: c.kind,
      name: c.name,
      description: c.description,
      teamId: c.teamId,
      ownerId: c.ownerId,
      environment: c.environment,
      agentProvider: c.agentProvider,
      agentModel: c.agentModel,
      autonomy: c.autonomy,
      comparableRoleId: c.comparableRoleId,
      partnerOrg: c.partnerOrg,
      isCiPipeline: c.isCiPipeline,
    };
  },
  async execute(tx, { id, ...input }, access) {
    const before = await ownConsumer(tx, id, access);
    const data = { ...consumerData(input), ownerId: effectiveOwner(access, input.ownerId, before.ownerId) };
    const changed = changedFields(before, data);
    const identities = input.identities ? await setIdentities(tx, id, input.identities) : null;
    if (before.status === "DECOMMISSIONED" && (changed.length || identities?.changed)) throw conflict("A decommissioned consumer cannot be edited.");
    if (identities?.changed) changed.push("identities");
    if (changed.length === 0) return { result: { ...before, changed: false }, audit: [] };
    await assertConsumerNameFree(tx, data.name, data.environment, id);
    const after = await tx.consumer.update({ where: { id }, data });
    return {
      result: { ...after, changed: true },
      audit: [
        {
          action: "consumer.update",
          targetType: "Consumer",
          targetId: id,
          summary: `Updated consumer ${after.name} (${changed.join(", ")})`,
          before: identities ? { ...before, identities: identities.before } : before,
          after: identities ? { ...after, identities: identities.after } : after,
        },
      ],
    };
  },
});
