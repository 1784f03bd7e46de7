// A CSV file's records run through the catalogue's commands a chunk at a time, each chunk in a
// transaction of its own, so that no import holds the database's write lock for longer than
// about half a second: everyone else's pages, sign-ins and decisions get in between chunks.
//
// Checking runs every row through its command — the same validation, authorization and audit as
// a form or an API call — behind a savepoint, so a bad row is named by its line and leaves no
// trace, and rolls the chunk back: a check writes nothing. Writing runs the rows again, commits
// each chunk with what it changed (csv-undo.ts), and stops at the first row that fails, which
// rolls back its own chunk; csv-jobs.ts then takes back the chunks before it.
import { forgetHead } from "@/lib/audit/service";
import type { Ctx } from "@/lib/server/authz";
import { inOneTransaction, refusal, type Nested } from "@/lib/server/command";
import { provider, type Tx } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import type { CsvPreview, CsvRecord } from "./csv-file";
import { consumerRows, credentialRows, grantRows, type CsvRow, type RowDone, type RowPlan } from "./csv-rows";
import { imagesBefore, stampsAfter, type ChunkUndo, type ImportKind } from "./csv-undo";

const PLANNERS: Record<ImportKind, (tx: Tx, rows: CsvRow[]) => Promise<RowPlan[]>> = {
  consumers: consumerRows,
  credentials: credentialRows,
  grants: grantRows,
};

/** How long a chunk should hold the write lock; its row count follows from the last chunk's pace. */
const CHUNK_MS = 150;
// SQLite's driver is synchronous: a chunk's statements resolve without ever giving the event
// loop back, so the server accepts no request until the chunk is done. Between chunks the
// import waits this long, in which requests that arrived meanwhile are read and answered.
// PostgreSQL's driver gives the event loop back at every statement and locks rows, not the
// database: others' requests run beside the chunks, and a pause would only make the file slower
// (a quarter of a 3,000-row import's time was spent waiting).
const PAUSE_MS = 50;

/** Gives the server back to everyone else between two chunks. */
export function breathe(): Promise<void> {
  const pause = provider() === "sqlite" ? PAUSE_MS : 0;
  return new Promise((resolve) => setTimeout(resolve, pause));
}
const FIRST_CHUNK = 20;
const MAX_CHUNK = 2_000;

/** Row counts that keep each chunk near CHUNK_MS, learnt as the chunks go. */
export function chunkSizer() {
  let size = FIRST_CHUNK;
  return {
    next: () => size,
    took: (rows: number, ms: number) => {
      const perRow = Math.max(ms, 1) / Math.max(rows, 1);
      size = Math.max(1, Math.min(MAX_CHUNK, Math.floor(CHUNK_MS / perRow)));
    },
  };
}

export type Tally = Omit<CsvPreview, "kind" | "rows">;

function messagesOf(error: AppError): string[] {
  const fields = Object.entries(error.fieldErrors ?? {});
  return fields.length ? fields.map(([field, list]) => `${field}: ${list.join(" ")}`) : [error.message];
}

/** A known refusal of a row's command, as its messages; anything else is not the row's fault. */
function rowRefusal(error: unknown): string[] | null {
  const known = error instanceof AppError ? error : refusal(error);
  return known ? messagesOf(known) : null;
}

/** A row run through its command behind a savepoint: what it did, or why it could not. */
async function runRow(ctx: Ctx, nested: Nested, plan: RowPlan): Promise<RowDone | string[]> {
  if ("messages" in plan) return plan.messages;
  const { tx } = nested;
  await tx.$executeRawUnsafe("SAVEPOINT csv_row");
  try {
    const done = await plan.run(ctx, nested);
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT csv_row");
    return done;
  } catch (error) {
    const messages = rowRefusal(error);
    if (!messages) throw error;
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT csv_row");
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT csv_row");
    forgetHead(tx);
    return messages;
  }
}

// Thrown to end a check's transaction without committing.
class Checked extends Error {
  constructor(readonly tally: Tally) {
    super("checked");
  }
}

/**
 * Checks one chunk and writes nothing. `seen` carries, across chunks, the record each earlier row
 * writes and its line: a second row writing the same record is refused by line.
 */
export async function checkChunk(ctx: Ctx, kind: ImportKind, records: CsvRecord[], seen: Map<string, number>): Promise<Tally> {
  try {
    await inOneTransaction(async (nested) => {
      const plans = await PLANNERS[kind](
        nested.tx,
        records.map((r) => r.row),
      );
      const tally: Tally = { create: 0, update: 0, unchanged: 0, errors: [] };
      for (const [i, plan] of plans.entries()) {
        // Plans come one per record, in order.
        const line = records[i]?.line ?? 0;
        const key = "key" in plan ? plan.key : undefined;
        const first = key ? seen.get(key) : undefined;
        if (first !== undefined) {
          tally.errors.push({ line, messages: [`line ${first} already writes ${key}`] });
          continue;
        }
        const done = await runRow(ctx, nested, plan);
        if (Array.isArray(done)) tally.errors.push({ line, messages: done });
        else {
          tally[done.outcome]++;
          if (key) seen.set(key, line);
        }
      }
      throw new Checked(tally);
    });
  } catch (error) {
    if (error instanceof Checked) return error.tally;
    throw error;
  }
  throw new Error("a check always rolls back");
}

/** A row that could be checked but not written: another change came between. */
export class RowFailed extends Error {
  constructor(
    readonly line: number,
    readonly messages: string[],
  ) {
    super(`line ${line}: ${messages.join("; ")}`);
  }
}

/**
 * Writes one chunk and what it changed, in one transaction: `keep` stores the chunk's undo
 * record (and moves the job on) inside it, so a chunk is never written without its way back.
 */
export async function writeChunk(
  ctx: Ctx,
  kind: ImportKind,
  records: CsvRecord[],
  keep: (tx: Tx, undo: Omit<ChunkUndo, "kind">) => Promise<void>,
): Promise<Tally> {
  return inOneTransaction(async (nested) => {
    const { tx } = nested;
    const plans = await PLANNERS[kind](
      tx,
      records.map((r) => r.row),
    );
    const images = await imagesBefore(
      tx,
      plans.flatMap((p) => ("touches" in p ? [p.touches] : [])),
    );
    const tally: Tally = { create: 0, update: 0, unchanged: 0, errors: [] };
    const created: string[] = [];
    for (const [i, plan] of plans.entries()) {
      const line = records[i]?.line ?? 0;
      if ("messages" in plan) throw new RowFailed(line, plan.messages);
      let done: RowDone;
      try {
        done = await plan.run(ctx, nested);
      } catch (error) {
        const messages = rowRefusal(error);
        throw messages ? new RowFailed(line, messages) : error;
      }
      tally[done.outcome]++;
      if (done.created) created.push(done.created);
    }
    await keep(tx, { created, ...images, stamps: await stampsAfter(tx, kind, created, images) });
    return tally;
  });
}
