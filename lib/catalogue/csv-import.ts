// CSV import of consumers, credentials and grants, for callers that wait for the outcome (tests,
// scripts): the job of csv-jobs.ts, run to its end. The console's import page follows the same
// job as it goes instead.
import type { Ctx } from "@/lib/server/authz";
import { conflict, invalid } from "@/lib/server/errors";
import { csvImportJob, beginCsvImport } from "./csv-jobs";
import type { CsvPreview } from "./csv-file";

export { requireCsvImporter, type CsvPreview } from "./csv-file";

async function runToEnd(ctx: Ctx, raw: unknown, apply: boolean) {
  const { id, work } = await beginCsvImport(ctx, raw, apply);
  await work;
  return csvImportJob(ctx, id);
}

/** What the file would do, row by row, and every bad row by line; writes nothing. */
export async function previewCsvImport(ctx: Ctx, raw: unknown): Promise<CsvPreview> {
  const job = await runToEnd(ctx, raw, false);
  if (job.result) return job.result;
  // Only a failure of the server's own (the database out of reach) leaves a check without a result.
  throw new Error(job.problem?.detail ?? "The file could not be checked.");
}

/** Writes the whole file, or nothing if any row is bad or cannot be written. */
export async function applyCsvImport(ctx: Ctx, raw: unknown): Promise<CsvPreview> {
  const job = await runToEnd(ctx, raw, true);
  if (job.status === "IMPORTED" && job.result) return job.result;
  const fields = Object.fromEntries((job.problem?.errors ?? []).map((e) => [e.pointer.slice(1), [e.detail]]));
  const detail = job.problem?.detail ?? "Nothing was imported.";
  throw job.problem?.status === 422 ? invalid(detail, fields) : conflict(detail, fields);
}
