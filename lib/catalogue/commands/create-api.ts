// Creates an API in the catalogue; an OWNER's is theirs, an ADMIN may name any owner.
import { defineCommand } from "@/lib/server/command";
import { conflict } from "@/lib/server/errors";
import { effectiveOwner } from "../ownership";
import { setAddresses } from "../identities";
import { apiInput } from "../schemas";

export const NAME_TAKEN = { name: ["An API with this name already exists in this environment"] };

export const createApi = defineCommand({
  name: "api.create",
  input: apiInput,
  permission: "api.create",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  references: { teamId: "team", ownerId: "user" },
  async execute(tx, input, access) {
    const ownerId = effectiveOwner(access, input.ownerId);
    const clash = await tx.api.findFirst({ where: { name: input.name, environment: input.environment }, select: { id: true } });
    if (clash) throw conflict("That name is taken.", NAME_TAKEN);
    const { audiences, baseUrls, ...fields } = input;
    const api = await tx.api.create({ data: { ...fields, ownerId } });
    const addresses = await setAddresses(tx, api.id, { audiences, baseUrls: baseUrls ?? [], primary: fields.baseUrl });
    return {
      result: api,
      audit: [
        {
          action: "api.create",
          targetType: "Api",
          targetId: api.id,
          summary: `Created API ${api.name} (${api.environment})`,
          after: { ...api, addresses: addresses.after },
        },
      ],
    };
  },
});
