// Records why a background import wrote nothing: the refusal it met, as the problem document
// the person would have seen had they waited for it. A job already finished is left as it is.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

/** An RFC 9457 problem document as /api/v1 answers it (lib/api/http.ts). */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
});

export const failImportJob = defineCommand({
  name: "api.import.fail",
  input: z.strictObject({
    id: z.string().min(1),
    problem: problemSchema,
  }),
  permission: "api.create",
  callers: { SYSTEM: true },
  async execute(tx, { id, problem }) {
    const failed = await tx.apiImportJob.updateMany({ where: { id, status: "RUNNING" }, data: { status: "FAILED", problem, finishedAt: new Date() } });
    if (failed.count === 0) return { result: { failed: false }, audit: [] };
    const job = await tx.apiImportJob.findUniqueOrThrow({ where: { id }, select: { apiName: true } });
    return {
      result: { failed: true },
      audit: [
        {
          action: "api.import.fail",
          targetType: "ApiImportJob",
          targetId: id,
          summary: `Importing ${job.apiName} wrote nothing: ${problem.detail ?? problem.title}`,
          after: problem,
        },
      ],
    };
  },
});
