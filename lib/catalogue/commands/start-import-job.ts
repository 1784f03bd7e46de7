// Opens the record of an OpenAPI import that will be written in the background: the person it
// runs for, what the document holds. The import itself is the api.import command, run later.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";
import { forbidden } from "@/lib/server/errors";

export const startImportJob = defineCommand({
  name: "api.import.start",
  input: z.strictObject({ apiName: z.string().min(1).max(120), operations: z.number().int().min(0), pairs: z.number().int().min(0) }),
  permission: "api.create",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, input, access) {
    if (!access.person) throw forbidden("An import runs for a person.");
    const job = await tx.apiImportJob.create({ data: { requestedById: access.person, ...input } });
    return {
      result: job,
      audit: [
        {
          action: "api.import.start",
          targetType: "ApiImportJob",
          targetId: job.id,
          summary: `Started importing ${input.apiName} in the background: ${input.operations} operations, ${input.pairs} (operation, scope) pairs`,
          after: input,
        },
      ],
    };
  },
});
