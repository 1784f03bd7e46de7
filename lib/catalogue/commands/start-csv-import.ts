// Opens the record of a CSV check or import: who asked, what the file holds and how many rows,
// and whether it only checks the file or writes it. The record is bookkeeping, not a change to
// the catalogue: the rows run through their own commands, each audited (csv-jobs.ts), and the
// import's end is audited once something was written (finish-csv-import.ts).
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";
import { forbidden } from "@/lib/server/errors";
import { IMPORT_KINDS } from "../csv-undo";

export const startCsvImport = defineCommand({
  name: "csv.import.start",
  input: z.strictObject({ kind: z.enum(IMPORT_KINDS), apply: z.boolean(), rows: z.number().int().min(1) }),
  permission: "self",
  callers: { USER: true },
  async execute(tx, input, access) {
    if (!access.person) throw forbidden("An import runs for a person.");
    const job = await tx.csvImportJob.create({ data: { requestedById: access.person, ...input } });
    return { result: job, audit: [] };
  },
});
