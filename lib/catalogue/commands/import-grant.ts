// Creates a grant from an imported file, with the state, origin and history the file records. A
// live grant (active, pending, suspended) obeys the rules of a new grant: the caller gates the API,
// the API is not retired, the consumer is not decommissioned, it is their only live grant there. A revoked or expired one is a record
// of past access: it grants nothing, so only the API's and scopes' identity are checked.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { grantImportInput } from "../schemas";
import { insertGrant, lockConsumer, scopesOfApi } from "./grant-scopes";

export const importGrant = defineCommand({
  name: "grant.create",
  input: grantImportInput,
  permission: "grant.create",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  references: { consumerId: "consumer", apiId: "api" },
  async execute(tx, input, access) {
    const live = LIVE_GRANT_STATUSES.some((s) => s === input.status);
    const api = await tx.api.findFirst({ where: { id: input.apiId, ...access.owned("ownerId") }, select: { id: true, name: true, lifecycle: true } });
    if (!api) throw notFound("The API");
    await lockConsumer(tx, input.consumerId);
    const consumer = await tx.consumer.findUniqueOrThrow({ where: { id: input.consumerId }, select: { id: true, name: true, status: true } });
    if (live) {
      if (api.lifecycle === "RETIRED") throw conflict(`${api.name} is retired: it cannot be granted.`);
      // A suspended consumer may keep live grants (decisions deny them while it is suspended); a decommissioned one holds none.
      if (consumer.status === "DECOMMISSIONED") throw conflict(`${consumer.name} is decommissioned: it holds no live access.`);
      const existing = await tx.grant.findFirst({
        where: { consumerId: consumer.id, apiId: api.id, status: { in: [...LIVE_GRANT_STATUSES] } },
        select: { id: true },
      });
      if (existing) throw conflict(`${consumer.name} already holds a live grant on ${api.name}: give that grant's id to change it.`);
    }
    const scopes = await scopesOfApi(tx, api.id, input.scopeIds);
    const ended = input.status === "REVOKED" ? (input.revokedAt ?? new Date()) : null;
    const data = {
      consumerId: consumer.id,
      apiId: api.id,
      status: input.status,
      origin: input.origin,
      justification: input.justification,
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: input.lastUsedAt ?? null,
      lastReviewedAt: input.lastReviewedAt ?? null,
      revokedAt: ended,
      ...(input.createdAt && { createdAt: input.createdAt }),
    };
    return insertGrant(
      tx,
      access,
      data,
      scopes,
      (names) => `Imported ${live ? "grant" : `${input.status.toLowerCase()} grant (a record)`} of ${consumer.name}: ${names} on ${api.name}`,
    );
  },
});
