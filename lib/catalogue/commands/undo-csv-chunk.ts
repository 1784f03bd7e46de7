// Takes back one written chunk of a CSV import that failed part-way or was cut short, newest
// chunk first (csv-undo.ts says what is taken back and what is kept). The chunk's record goes
// in the same transaction, so an undo interrupted in turn resumes where it stopped.
import { z } from "zod";
import { counted } from "@/lib/format";
import { defineCommand } from "@/lib/server/command";
import { notFound } from "@/lib/server/errors";
import { chunkUndo, undoChunk } from "../csv-undo";

export const undoCsvChunk = defineCommand({
  name: "csv.import.undo",
  input: z.strictObject({ jobId: z.string().min(1), seq: z.number().int().min(0) }),
  permission: "self",
  callers: { USER: true, SYSTEM: true },
  async execute(tx, { jobId, seq }, access) {
    const chunk = await tx.csvImportChunk.findFirst({
      where: { jobId, seq, job: { status: "UNDOING", ...(access.person && { requestedById: access.person }) } },
    });
    if (!chunk) throw notFound("That part of the import");
    const done = await undoChunk(tx, chunkUndo.parse(chunk.undo));
    await tx.csvImportChunk.delete({ where: { jobId_seq: { jobId, seq } } });
    const kept = done.kept.length ? `; ${counted(done.kept.length, "record")} changed since by others kept as they are` : "";
    return {
      result: done,
      audit: [
        {
          action: "csv.import.undo",
          targetType: "CsvImportJob",
          targetId: jobId,
          summary: `Undid part ${seq + 1} of a CSV import: ${counted(done.removed.length, "record")} removed, ${counted(done.restored.length, "record")} put back${kept}`,
          after: { seq, ...done },
        },
      ],
    };
  },
});
