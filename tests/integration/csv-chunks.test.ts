// A large CSV import is written in short chunks, so that everyone else's work goes on while it
// runs, and stays all or nothing: a row that fails at the write, or a server that stops part-way,
// leaves no row of the file behind — and no one else's change is lost to the undo.
import { beforeAll, describe, expect, it } from "vitest";
import { createConsumer } from "@/lib/catalogue/commands/create-consumer";
import { updateConsumer } from "@/lib/catalogue/commands/update-consumer";
import { writeChunk } from "@/lib/catalogue/csv-chunks";
import { parseCsv } from "@/lib/catalogue/csv-file";
import { previewCsvImport } from "@/lib/catalogue/csv-import";
import { beginCsvImport, csvImportJob, recoverCsvImports } from "@/lib/catalogue/csv-jobs";
import type { Ctx } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { DEMO, ctxsFor, expectAppError } from "./helpers";

let admin: Ctx, owner: Ctx;
let team: string;
beforeAll(async () => {
  [admin, owner] = await ctxsFor(DEMO.admin, DEMO.owner);
  team = (await db.team.findFirstOrThrow({ orderBy: { name: "asc" } })).name;
});

const HEADER = "name,kind,environment,team,description";
const rowsOf = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, "0")},SERVICE,STAGING,${team},row ${i}`);
const file = (rows: string[]) => `${HEADER}\n${rows.join("\n")}\n`;
const named = (prefix: string) => db.consumer.count({ where: { name: { startsWith: `${prefix}-` } } });

async function until(what: () => Promise<boolean>) {
  for (let i = 0; i < 2_000; i++) {
    if (await what()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("timed out waiting");
}

describe("a file of many rows", () => {
  it("is written whole while another person's change gets in between its chunks", { timeout: 120_000 }, async () => {
    const { id, work } = await beginCsvImport(admin, { kind: "consumers", csv: file(rowsOf("chunky", 600)) }, true);
    // Once the import has begun writing, someone else creates a consumer: it does not wait for the
    // whole file, and the import is still under way when it is done.
    await until(async () => (await db.csvImportJob.findUniqueOrThrow({ where: { id } })).status === "WRITING");
    await runCommand(createConsumer, owner, { kind: "SERVICE", name: "between-chunks", teamId: (await db.team.findFirstOrThrow()).id, environment: "STAGING" });
    const meanwhile = await csvImportJob(admin, id);
    expect(meanwhile.status).toBe("WRITING");
    expect(meanwhile.percent).toBeGreaterThanOrEqual(50);
    expect(meanwhile.phase).toMatch(/^Writing rows \([\d,]+ of 600\)$/);
    // One file at a time per person: a second is refused while the first runs, and writes nothing.
    const second = await expectAppError(beginCsvImport(admin, { kind: "consumers", csv: file(rowsOf("second", 2)) }, false), "RATE_LIMITED");
    expect(second.message).toMatch(/^A file of yours is still being checked or imported/);
    await work;
    const job = await csvImportJob(admin, id);
    expect(job).toMatchObject({ status: "IMPORTED", finished: true, percent: 100, result: { create: 600, errors: [] } });
    expect(await named("chunky")).toBe(600);
    expect(await db.csvImportChunk.count({ where: { jobId: id } })).toBe(0);
    // Only the person who started a job may follow it.
    await expectAppError(csvImportJob(owner, id), "NOT_FOUND");
  });

  it("names a second row writing the record an earlier one writes, whichever chunk it falls in", { timeout: 60_000 }, async () => {
    const rows = rowsOf("twice", 300);
    rows.push(rows[3]!.replace("row 3", "again"));
    const preview = await previewCsvImport(admin, { kind: "consumers", csv: file(rows) });
    expect(preview.errors).toEqual([{ line: 302, messages: ["line 5 already writes consumer twice-0003 in STAGING"] }]);
    expect(await named("twice")).toBe(0);
  });
});

describe("a row that passed the check but cannot be written", () => {
  it("takes back every chunk written before it, and keeps the change that came between", { timeout: 120_000 }, async () => {
    const rows = rowsOf("undone", 800);
    const { id, work } = await beginCsvImport(admin, { kind: "consumers", csv: file(rows) }, true);
    await until(async () => (await db.csvImportJob.findUniqueOrThrow({ where: { id } })).status === "WRITING");
    // Another person takes the last row's name while the file is being written.
    const teamId = (await db.team.findFirstOrThrow({ where: { name: team } })).id;
    await runCommand(createConsumer, owner, { kind: "SERVICE", name: "undone-0799", teamId, environment: "STAGING", description: "theirs" });
    await work;
    const job = await csvImportJob(admin, id);
    expect(job.status).toBe("UNDONE");
    expect(job.problem?.detail).toMatch(/^Line 801 passed the check but could not be written/);
    // Nothing of the file is left; the other person's consumer is.
    expect(await db.consumer.findMany({ where: { name: { startsWith: "undone-" } }, select: { description: true } })).toEqual([{ description: "theirs" }]);
    expect(await db.csvImportChunk.count({ where: { jobId: id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "csv.import.undo", targetId: id } })).toBeGreaterThan(0);
    expect(await db.auditEvent.findFirst({ where: { action: "csv.import.undone", targetId: id } })).not.toBeNull();
  });
});

describe("an import cut short by a stopped server", () => {
  it("is taken back by the background runner, except what someone changed since", async () => {
    const kept = await runCommand(createConsumer, admin, {
      kind: "SERVICE",
      name: "cut-kept",
      teamId: (await db.team.findFirstOrThrow()).id,
      environment: "STAGING",
    });
    const records = parseCsv(
      `id,${HEADER},status\n${kept.id},cut-kept,SERVICE,STAGING,${team},changed by the file,SUSPENDED\n,cut-new,SERVICE,STAGING,${team},new,ACTIVE\n`,
      "consumers",
    );
    const job = await db.csvImportJob.create({ data: { requestedById: admin.userId, kind: "consumers", apply: true, rows: 2, status: "WRITING" } });
    // One chunk written, as a server would have written it before it stopped.
    await writeChunk(admin, "consumers", records, async (tx, undo) => {
      await tx.csvImportChunk.create({ data: { jobId: job.id, seq: 0, undo: JSON.parse(JSON.stringify({ kind: "consumers", ...undo })) } });
    });
    expect(await db.consumer.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ description: "changed by the file", status: "SUSPENDED" });
    const created = await db.consumer.findFirstOrThrow({ where: { name: "cut-new" } });
    // Someone edits the new consumer after the chunk: their edit stays.
    await runCommand(updateConsumer, admin, {
      id: created.id,
      kind: "SERVICE",
      name: "cut-new",
      teamId: created.teamId,
      environment: "STAGING",
      description: "edited since",
    });

    // Not yet: the job's heartbeat is fresh, so its server may still be at work.
    expect(await recoverCsvImports(new Date())).toBe(0);
    expect(await recoverCsvImports(new Date(Date.now() + 5 * 60_000))).toBe(1);
    expect(await db.consumer.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ description: "", status: "ACTIVE" });
    expect(await db.consumer.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ description: "edited since" });
    const view = await csvImportJob(admin, job.id);
    expect(view).toMatchObject({ status: "UNDONE", finished: true });
    expect(view.problem?.detail).toMatch(/server stopped/);
    const undo = await db.auditEvent.findFirstOrThrow({ where: { action: "csv.import.undo", targetId: job.id } });
    expect(undo.summary).toBe("Undid part 1 of a CSV import: 0 records removed, 1 record put back; 1 record changed since by others kept as they are");
    // A second runner finds nothing left to do.
    expect(await recoverCsvImports(new Date(Date.now() + 5 * 60_000))).toBe(0);
  });

  it("fails a check that was cut short, which wrote nothing", async () => {
    const job = await db.csvImportJob.create({
      data: { requestedById: admin.userId, kind: "grants", apply: false, rows: 10, status: "CHECKING", heartbeatAt: new Date(Date.now() - 10 * 60_000) },
    });
    expect(await csvImportJob(admin, job.id)).toMatchObject({ status: "CHECKING", finished: false, phase: expect.stringMatching(/^Interrupted/) });
    expect(await recoverCsvImports()).toBe(1);
    expect(await csvImportJob(admin, job.id)).toMatchObject({ status: "FAILED", finished: true });
  });

  it("keeps a finished job's record a month", async () => {
    const old = await db.csvImportJob.create({
      data: { requestedById: admin.userId, kind: "consumers", apply: false, rows: 1, status: "CHECKED", finishedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    const recent = await db.csvImportJob.create({
      data: { requestedById: admin.userId, kind: "consumers", apply: false, rows: 1, status: "CHECKED", finishedAt: new Date(Date.now() - 29 * 86_400_000) },
    });
    await recoverCsvImports();
    expect(await db.csvImportJob.findMany({ where: { id: { in: [old.id, recent.id] } }, select: { id: true } })).toEqual([{ id: recent.id }]);
  });
});
