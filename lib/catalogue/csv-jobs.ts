// A CSV file from its check to its import, as a job the person follows on the import page.
// The file is read and its header checked at once (a refusal is answered at once); its rows are
// then checked in short chunks that write nothing (csv-chunks.ts). An import whose every row
// passed is written in short chunks, each kept with its way back: should a row fail there (a
// change came between the check and the write) or the server stop, the chunks already written
// are undone, newest first, so that the file is written whole or not at all. Between chunks
// everyone else's work goes on. A job whose server stopped is finished by the background runner
// (recoverCsvImports) once its heartbeat is old enough to be sure.
import { z } from "zod";
import { errorDocument } from "@/lib/api/http";
import { systemCtx, type Ctx } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { AppError, conflict, invalid, notFound } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { parseInput } from "@/lib/server/validation";
import { problemSchema } from "./commands/fail-import-job";
import { csvPreviewSchema, finishCsvImport } from "./commands/finish-csv-import";
import { startCsvImport } from "./commands/start-csv-import";
import { undoCsvChunk } from "./commands/undo-csv-chunk";
import { breathe, checkChunk, chunkSizer, RowFailed, writeChunk, type Tally } from "./csv-chunks";
import { csvImportInput, parseCsv, requireCsvImporter, type CsvPreview, type CsvRecord } from "./csv-file";
import { IMPORT_KINDS, type ImportKind } from "./csv-undo";

// Files being checked or written by this server at once; each holds its text in memory.
const MAX_RUNNING = 3;
// No chunk takes this long: a job whose heartbeat is older ran on a server that stopped.
const STALE_MS = 2 * 60_000;
const RUNNER = systemCtx("CSV import recovery");
const KEPT_MS = 30 * 86_400_000;

// This server's running jobs, process-wide: the production build may hold this module once per
// bundle, and the route that starts a job and the runner that recovers jobs must agree.
// Each job is kept with the person it runs for: one file at a time each, so that nobody can keep
// every slot busy.
type Running = { person: string; work: Promise<void> };
const processWide = globalThis as unknown as { scopewardCsvImports?: Map<string, Running> };
const running: Map<string, Running> = (processWide.scopewardCsvImports ??= new Map());

export const csvImportView = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  apply: z.boolean().describe("An import (true) or a check that writes nothing (false)"),
  rows: z.number().int(),
  status: z.enum(["CHECKING", "CHECKED", "WRITING", "IMPORTED", "UNDOING", "FAILED", "UNDONE"]),
  // Of all the job's work, 0 to 100; null while it is being undone or cannot be told.
  percent: z.number().int().min(0).max(100).nullable(),
  phase: z.string().describe("What the job is doing, in words"),
  finished: z.boolean(),
  result: csvPreviewSchema.nullable(),
  problem: problemSchema.nullable().describe("Why the import wrote nothing, or was undone"),
});
export type CsvImportView = z.infer<typeof csvImportView>;

const RUNNING_STATUSES = ["CHECKING", "WRITING", "UNDOING"] as const;
const FINISHED = new Set(["CHECKED", "IMPORTED", "FAILED", "UNDONE"]);
const of = (n: number, total: number) => `${n.toLocaleString("en")} of ${total.toLocaleString("en")}`;

/** Reads the file, opens its job and starts it; the job's id and its work, which never throws. */
export async function beginCsvImport(caller: Ctx, raw: unknown, apply: boolean): Promise<{ id: string; work: Promise<void> }> {
  requireCsvImporter(caller);
  const { kind, csv } = parseInput(csvImportInput, raw);
  const records = parseCsv(csv, kind);
  if ([...running.values()].some((job) => job.person === caller.userId))
    throw new AppError("RATE_LIMITED", "A file of yours is still being checked or imported. Wait for it to finish, then send this one.");
  if (running.size >= MAX_RUNNING) throw new AppError("RATE_LIMITED", "Several CSV files are being checked or imported on this server. Try again in a minute.");
  const job = await runCommand(startCsvImport, caller, { kind, apply, rows: records.length });
  const work = runJob(caller, job.id, kind, records, apply).finally(() => running.delete(job.id));
  running.set(job.id, { person: caller.userId, work });
  return { id: job.id, work };
}

/** Moves a job's progress on and shows it is alive. Bookkeeping of the job, not a change to the catalogue. */
async function beat(id: string, data: { done?: number; status?: "WRITING" | "UNDOING" } = {}) {
  await db.csvImportJob.update({ where: { id }, data: { ...data, heartbeatAt: new Date() } });
}

/** An error as the problem document the person sees, by the console's one mapping (lib/api/http.ts). */
const problemOf = (error: unknown, id: string) => problemSchema.parse(JSON.parse(errorDocument(error, `CSV import ${id}`).body));
const byLine = (errors: CsvPreview["errors"]) => Object.fromEntries(errors.slice(0, 100).map((e) => [`line ${e.line}`, [e.messages.join("; ")]]));

// A stopped server is no fault of the file: said as the background OpenAPI import says it.
const interrupted = (detail: string) => ({
  type: "https://scopeward.dev/problems/interrupted",
  title: "Import interrupted",
  status: 503,
  detail: `The server stopped while working on this file. ${detail}`,
});

const add = (sum: CsvPreview, tally: Tally) => {
  sum.create += tally.create;
  sum.update += tally.update;
  sum.unchanged += tally.unchanged;
  sum.errors.push(...tally.errors);
};

/**
 * Runs `each` over the records a chunk at a time, each sized to the pace of the one before, with
 * the server given back to everyone else in between; the sum of what the chunks did.
 */
async function inChunks(kind: ImportKind, records: CsvRecord[], each: (chunk: CsvRecord[], done: number, seq: number) => Promise<Tally>): Promise<CsvPreview> {
  const sum: CsvPreview = { kind, rows: records.length, create: 0, update: 0, unchanged: 0, errors: [] };
  const size = chunkSizer();
  for (let at = 0, seq = 0; at < records.length; seq++) {
    const chunk = records.slice(at, at + size.next());
    const started = performance.now();
    at += chunk.length;
    add(sum, await each(chunk, at, seq));
    size.took(chunk.length, performance.now() - started);
    await breathe();
  }
  return sum;
}

async function checkAll(ctx: Ctx, id: string, kind: ImportKind, records: CsvRecord[]): Promise<CsvPreview> {
  const seen = new Map<string, number>();
  return inChunks(kind, records, async (chunk, done) => {
    const tally = await checkChunk(ctx, kind, chunk, seen);
    await beat(id, { done });
    return tally;
  });
}

/** Writes every chunk, or stops at the row that fails. */
async function writeAll(ctx: Ctx, id: string, kind: ImportKind, records: CsvRecord[]): Promise<CsvPreview> {
  await beat(id, { status: "WRITING", done: 0 });
  return inChunks(kind, records, (chunk, done, seq) =>
    writeChunk(ctx, kind, chunk, async (tx, undo) => {
      // Dates as ISO strings, as JSON holds them; csv-undo.ts reads them back.
      await tx.csvImportChunk.create({ data: { jobId: id, seq, undo: JSON.parse(JSON.stringify({ kind, ...undo })) } });
      await tx.csvImportJob.update({ where: { id }, data: { done, heartbeatAt: new Date() } });
    }),
  );
}

/** Takes back every written chunk of a job, newest first. */
async function undoAll(ctx: Ctx, id: string) {
  await beat(id, { status: "UNDOING", done: 0 });
  const chunks = await db.csvImportChunk.findMany({ where: { jobId: id }, select: { seq: true }, orderBy: { seq: "desc" } });
  for (const [n, { seq }] of chunks.entries()) {
    await runCommand(undoCsvChunk, ctx, { jobId: id, seq });
    await beat(id, { done: n + 1 });
    await breathe();
  }
}

async function finish(ctx: Ctx, input: Omit<z.input<typeof finishCsvImport.input>, "id">, id: string) {
  await runCommand(finishCsvImport, ctx, { id, ...input });
}

async function runJob(caller: Ctx, id: string, kind: ImportKind, records: CsvRecord[], apply: boolean): Promise<void> {
  // The audit tells which changes came in by file; the import's own start and end are the person's.
  const ctx: Ctx = { ...caller, actor: { ...caller.actor, label: `${caller.actor.label} via CSV import` } };
  let writing = false;
  try {
    const checked = await checkAll(ctx, id, kind, records);
    if (!apply) return await finish(caller, { status: "CHECKED", result: checked }, id);
    if (checked.errors.length) {
      const rows = checked.errors.length === 1 ? "1 row needs" : `${checked.errors.length} rows need`;
      const refused = invalid(`Nothing was imported: ${rows} attention.`, byLine(checked.errors));
      return await finish(caller, { status: "FAILED", result: checked, problem: problemOf(refused, id) }, id);
    }
    writing = true;
    const written = await writeAll(ctx, id, kind, records);
    await finish(caller, { status: "IMPORTED", result: written }, id);
  } catch (error) {
    const failure = problemOf(
      error instanceof RowFailed
        ? conflict(
            `Line ${error.line} passed the check but could not be written — something changed in between: ${error.messages.join("; ")}. What had been written was taken back; check the file again.`,
            byLine([error]),
          )
        : error,
      id,
    );
    try {
      if (writing) await undoAll(caller, id);
      await finish(caller, { status: writing ? "UNDONE" : "FAILED", problem: failure }, id);
    } catch (undoError) {
      // The database is out of reach: the runner takes the job back once its heartbeat is old.
      logger.error("CSV import not undone yet", { job: id, error: String(undoError) });
    }
  }
}

/**
 * Finishes the jobs of servers that stopped: a check wrote nothing and fails; an import's written
 * chunks are undone. A job is claimed by moving its heartbeat, so two runners never share one.
 * Drops the records of jobs finished long ago.
 */
export async function recoverCsvImports(now = new Date()): Promise<number> {
  const stale = await db.csvImportJob.findMany({
    where: { status: { in: [...RUNNING_STATUSES] }, heartbeatAt: { lt: new Date(now.getTime() - STALE_MS) } },
    select: { id: true, status: true, heartbeatAt: true },
  });
  // Finished jobs are kept a month, for the person to look back at; the audit log keeps the rest.
  await db.csvImportJob.deleteMany({ where: { finishedAt: { lt: new Date(now.getTime() - KEPT_MS) } } });
  let recovered = 0;
  for (const job of stale) {
    if (running.has(job.id)) continue;
    const claimed = await db.csvImportJob.updateMany({ where: { id: job.id, heartbeatAt: job.heartbeatAt }, data: { heartbeatAt: new Date() } });
    if (claimed.count === 0) continue;
    if (job.status === "CHECKING") await finish(RUNNER, { status: "FAILED", problem: interrupted("Nothing was written; check it again.") }, job.id);
    else {
      await undoAll(RUNNER, job.id);
      await finish(RUNNER, { status: "UNDONE", problem: interrupted("What had been written was taken back; import it again.") }, job.id);
    }
    recovered++;
  }
  return recovered;
}

/** A CSV job as the person who started it sees it. */
export async function csvImportJob(ctx: Ctx, id: string): Promise<CsvImportView> {
  const job = await db.csvImportJob.findFirst({ where: { id, requestedById: ctx.userId } });
  const kind = IMPORT_KINDS.find((k) => k === job?.kind);
  if (!job || !kind) throw notFound("The import");
  const finished = FINISHED.has(job.status);
  const stalled = !finished && Date.now() - job.heartbeatAt.getTime() > STALE_MS;
  const share = job.apply ? 50 : 100;
  const percent =
    job.status === "CHECKING"
      ? Math.floor((share * job.done) / job.rows)
      : job.status === "WRITING"
        ? Math.min(99, 50 + Math.floor((50 * job.done) / job.rows))
        : job.status === "CHECKED" || job.status === "IMPORTED"
          ? 100
          : null;
  const phase = stalled
    ? "Interrupted: the server stopped. Anything written is taken back within minutes."
    : {
        CHECKING: `Checking rows (${of(job.done, job.rows)})`,
        WRITING: `Writing rows (${of(job.done, job.rows)})`,
        UNDOING: "A row could not be written: taking back what was written",
        CHECKED: "Checked",
        IMPORTED: "Imported",
        FAILED: "Wrote nothing",
        UNDONE: "Undone: nothing of the file was kept",
      }[job.status];
  return {
    id: job.id,
    kind,
    apply: job.apply,
    rows: job.rows,
    status: job.status,
    percent,
    phase,
    finished,
    result: job.result === null ? null : csvPreviewSchema.parse(job.result),
    problem: job.problem === null ? null : problemSchema.parse(job.problem),
  };
}
