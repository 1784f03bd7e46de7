// Ends a CSV import's record with its outcome: checked (the preview), imported (the whole file
// written, its undo log dropped), failed (nothing written: a bad row, a refusal) or undone (rows
// had been written and were taken back); the last two of an import are audited. A job already finished is left as it is, so a second
// server recovering the same job changes nothing.
import { z } from "zod";
import { counted } from "@/lib/format";
import { defineCommand } from "@/lib/server/command";
import { notFound } from "@/lib/server/errors";
import { problemSchema } from "./fail-import-job";
import { CSV_KIND_WORDS, IMPORT_KINDS } from "../csv-undo";

const RUNNING = ["CHECKING", "WRITING", "UNDOING"] as const;

export const csvPreviewSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  rows: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), messages: z.array(z.string()) })),
});

export const finishCsvImport = defineCommand({
  name: "csv.import.finish",
  input: z.strictObject({
    id: z.string().min(1),
    status: z.enum(["CHECKED", "IMPORTED", "FAILED", "UNDONE"]),
    result: csvPreviewSchema.optional(),
    problem: problemSchema.optional(),
  }),
  permission: "self",
  callers: { USER: true, SYSTEM: true },
  async execute(tx, { id, status, result, problem }, access) {
    const job = await tx.csvImportJob.findFirst({ where: { id, ...(access.person && { requestedById: access.person }) } });
    if (!job) throw notFound("The import");
    const { count } = await tx.csvImportJob.updateMany({
      where: { id, status: { in: [...RUNNING] } },
      data: { status, ...(result && { result }), ...(problem && { problem }), finishedAt: new Date() },
    });
    if (count === 0) return { result: { finished: false }, audit: [] };
    // Whatever the outcome, nothing is left to undo.
    await tx.csvImportChunk.deleteMany({ where: { jobId: id } });
    // A check, or an import stopped before its first row was written, changed nothing to audit.
    if (!job.apply || status === "FAILED") return { result: { finished: true }, audit: [] };
    const kind = IMPORT_KINDS.find((k) => k === job.kind);
    const what = counted(job.rows, kind ? CSV_KIND_WORDS[kind] : "row");
    const summary =
      status === "IMPORTED" && result
        ? `Imported a CSV file of ${what}: ${result.create} created, ${result.update} updated, ${result.unchanged} unchanged`
        : `Importing a CSV file of ${what} was undone: ${problem?.detail ?? problem?.title ?? "see the import"}`;
    return {
      result: { finished: true },
      audit: [
        {
          action: status === "IMPORTED" ? "csv.import.finish" : "csv.import.undone",
          targetType: "CsvImportJob",
          targetId: id,
          summary,
          after: { status, ...(result && { result }), ...(problem && { problem }) },
        },
      ],
    };
  },
});
