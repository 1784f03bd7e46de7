// OpenAPI imports too large to answer while the caller waits. Every import is checked first —
// the caller's right, the fields, the document read and validated off the request thread — so a
// refusal is answered at once. A document of more than 1,000 operations or 10,000 (operation,
// scope) pairs is then written in the background: the caller gets its job at once and follows
// its progress. One large import writes at a time per server, in one transaction that yields
// between statements, so the server keeps answering everyone else meanwhile.
import { z } from "zod";
import { errorDocument } from "@/lib/api/http";
import { requirePermission, systemCtx, type Ctx } from "@/lib/server/authz";
import { prepareCommand, runCommand, runPrepared } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { failImportJob, problemSchema } from "./commands/fail-import-job";
import { importApi } from "./commands/import-api";
import { startImportJob } from "./commands/start-import-job";
import { readImport, type ImportProgress } from "./openapi-import";

export const BACKGROUND_FROM = { operations: 1_000, pairs: 10_000 };
// Parsed documents waiting their turn are held in memory: only a few may wait.
const MAX_WAITING = 3;
// Longer than any import can take (reading 60 s, writing 60 s, three ahead of it in the queue):
// a job still running after this was cut short by a restart, and its transaction wrote nothing.
const INTERRUPTED_AFTER_MS = 10 * 60_000;
const RUNNER = systemCtx("OpenAPI import");

// This server's jobs, waiting or writing; a job another server runs shows as running. Kept
// process-wide: the production build may hold this module once per bundle, and the route that
// starts a job and the one that reports it must share one queue and one progress map.
type Jobs = { live: Map<string, ImportProgress | "queued">; queue: Promise<void> };
const processWide = globalThis as unknown as { scopewardImports?: Jobs };
const jobs: Jobs = (processWide.scopewardImports ??= { live: new Map(), queue: Promise.resolve() });
const live = jobs.live;

export const importJobOut = z.object({
  id: z.string(),
  apiName: z.string(),
  operations: z.number().int(),
  pairs: z.number().int(),
  status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "INTERRUPTED"]),
  // Rows written of all the import writes, 0 to 100; null where this server cannot tell.
  percent: z.number().int().min(0).max(100).nullable(),
  phase: z.string().describe("What the import is doing now, in words"),
  apiId: z.string().nullable(),
  problem: problemSchema.nullable().describe("Why the import wrote nothing"),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJobOut>;

export type ImportedApi = Awaited<ReturnType<typeof importApi.execute>>["result"];
export type ImportStarted = { kind: "imported"; result: ImportedApi } | { kind: "job"; job: ImportJobView };

/** Imports a document: at once when it is small, as a background job when it is large. */
export async function startImport(ctx: Ctx, raw: unknown): Promise<ImportStarted> {
  const ready = await prepareCommand(importApi, ctx, raw);
  const read = ready.prepared ?? (await readImport(ready.input));
  const operations = read.parsed.operations.length;
  const pairs = read.parsed.operations.reduce((sum, o) => sum + o.scopes.length, 0);
  if (operations <= BACKGROUND_FROM.operations && pairs <= BACKGROUND_FROM.pairs)
    return { kind: "imported", result: await runPrepared({ ...ready, prepared: read }) };
  if (live.size > MAX_WAITING) throw new AppError("RATE_LIMITED", "Several large imports are already waiting on this server. Try again when one has finished.");
  const apiName = ready.input.name ?? (read.parsed.title || "Untitled document");
  const job = await runCommand(startImportJob, ctx, { apiName: apiName.slice(0, 120), operations, pairs });
  live.set(job.id, "queued");
  const write = async () => {
    try {
      await runPrepared({ ...ready, prepared: { ...read, jobId: job.id, onProgress: (progress) => live.set(job.id, progress) } });
    } catch (error) {
      const problem = problemSchema.parse(JSON.parse(errorDocument(error, `import job ${job.id}`).body));
      await runCommand(failImportJob, RUNNER, { id: job.id, problem }).catch((failure: unknown) =>
        logger.error("import job outcome not recorded", { job: job.id, error: String(failure) }),
      );
    } finally {
      live.delete(job.id);
    }
  };
  jobs.queue = jobs.queue.then(write);
  return { kind: "job", job: await importJob(ctx, job.id) };
}

/** A background import as its requester (or someone who may import for anyone) sees it. */
export async function importJob(ctx: Ctx, id: string): Promise<ImportJobView> {
  const reach = requirePermission(ctx, "api.create");
  const job = await db.apiImportJob.findFirst({ where: { id, ...(reach === "all" ? {} : { requestedById: ctx.userId }) } });
  if (!job) throw notFound("The import");
  const base = {
    id: job.id,
    apiName: job.apiName,
    operations: job.operations,
    pairs: job.pairs,
    apiId: job.apiId,
    problem: job.problem === null ? null : problemSchema.parse(job.problem),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
  if (job.status === "SUCCEEDED") return { ...base, status: "SUCCEEDED", percent: 100, phase: "Imported" };
  if (job.status === "FAILED") return { ...base, status: "FAILED", percent: null, phase: "Wrote nothing" };
  const here = live.get(job.id);
  if (here === "queued") return { ...base, status: "QUEUED", percent: 0, phase: "Waiting for another import to finish" };
  if (here) {
    const written = here.phase === "operations" ? here.done : job.operations + here.done;
    const percent = Math.min(99, Math.floor((100 * written) / Math.max(1, job.operations + job.pairs)));
    return {
      ...base,
      status: "RUNNING",
      percent,
      phase:
        here.phase === "operations"
          ? `Writing operations (${here.done.toLocaleString("en")} of ${here.total.toLocaleString("en")})`
          : `Linking operations to scopes (${here.done.toLocaleString("en")} of ${here.total.toLocaleString("en")})`,
    };
  }
  if (Date.now() - job.createdAt.getTime() > INTERRUPTED_AFTER_MS) {
    const problem = {
      type: "https://scopeward.dev/problems/interrupted",
      title: "Import interrupted",
      status: 503,
      detail: "The server stopped while importing this document; nothing was written. Import it again.",
    };
    return { ...base, status: "INTERRUPTED", percent: null, phase: "Wrote nothing", problem };
  }
  return { ...base, status: "RUNNING", percent: null, phase: "Importing on another server" };
}
