// Grants a consumer scopes on an API. Authorization invariant: the API's owner is the
// gatekeeper of access to it, so an OWNER grants only on APIs they own; an ADMIN on all.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { grantInput } from "../schemas";
import { insertGrant, lockConsumer, scopesOfApi } from "./grant-scopes";

export const createGrant = defineCommand({
  name: "grant.create",
  input: grantInput,
  permission: "grant.create",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  references: { consumerId: "consumer", apiId: "api" },
  async execute(tx, input, access) {
    const api = await tx.api.findFirst({ where: { id: input.apiId, ...access.owned("ownerId") }, select: { id: true, name: true, lifecycle: true } });
    if (!api) throw notFound("The API");
    if (api.lifecycle === "RETIRED") throw conflict(`${api.name} is retired: it cannot be granted.`);
    await lockConsumer(tx, input.consumerId);
    const consumer = await tx.consumer.findUniqueOrThrow({ where: { id: input.consumerId }, select: { id: true, name: true, status: true } });
    if (consumer.status !== "ACTIVE") throw conflict(`${consumer.name} is ${consumer.status.toLowerCase()}: only active consumers can be granted access.`);
    const existing = await tx.grant.findFirst({
      where: { consumerId: consumer.id, apiId: api.id, status: { in: [...LIVE_GRANT_STATUSES] } },
      select: { id: true },
    });
    if (existing) throw conflict(`${consumer.name} already holds a grant on ${api.name}: change that grant instead.`);
    const scopes = await scopesOfApi(tx, api.id, input.scopeIds);
    return insertGrant(
      tx,
      access,
      { consumerId: consumer.id, apiId: api.id, justification: input.justification, expiresAt: input.expiresAt ?? null, origin: "MANUAL" },
      scopes,
      (names) => `Granted ${consumer.name} ${names} on ${api.name}`,
    );
  },
});
