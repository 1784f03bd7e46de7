// Reading an API document off the server's request thread: in a worker thread with a heap of its
// own, capped, so that a large document neither stalls other requests nor grows the server's
// memory. One worker, started at the first import and kept warm; one that dies (out of memory,
// stuck past the time limit) is replaced at the next import.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { AppError, invalid, type AppErrorCode } from "@/lib/server/errors";
import { parsedDocumentSchema, type ParsedDocument } from "./openapi-document";

// The worker runs the TypeScript source through tsx, as the scripts do; the app runs from its folder.
const WORKER = join(process.cwd(), "lib/catalogue/openapi-document.worker.mjs");
const HEAP_MB = 384;
const TIMEOUT_MS = 60_000;

const answer = z.discriminatedUnion("ok", [
  z.object({ id: z.number(), ok: z.literal(true), parsed: parsedDocumentSchema }),
  z.object({ id: z.number(), ok: z.literal(false), code: z.string(), message: z.string(), fieldErrors: z.record(z.string(), z.array(z.string())).optional() }),
]);
const KNOWN: readonly string[] = ["VALIDATION", "TOO_LARGE", "CONFLICT", "NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED", "RATE_LIMITED"] satisfies AppErrorCode[];
const isKnown = (code: string): code is AppErrorCode => KNOWN.includes(code);

type Pending = { resolve: (parsed: ParsedDocument) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
let running: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 0;

function start() {
  // Given as a file URL the bundler does not follow: the worker loads its TypeScript through tsx at
  // run time, in tests and in the app alike, rather than being bundled with the app.
  const worker = new Worker(pathToFileURL(WORKER), { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  const pending = new Map<number, Pending>();
  const state = { worker, pending };
  worker.on("message", (message: unknown) => {
    const result = answer.safeParse(message);
    if (!result.success) return;
    const reply = result.data;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    clearTimeout(waiting.timer);
    if (reply.ok) waiting.resolve(reply.parsed);
    else if (isKnown(reply.code)) waiting.reject(new AppError(reply.code, reply.message, reply.fieldErrors));
    else waiting.reject(new Error(`reading the document failed: ${reply.message}`));
  });
  const fail = (error: Error) => {
    if (running === state) running = null;
    // A document whose reading outgrows the worker's heap is refused, not allowed to grow the server.
    const outOfMemory = "code" in error && error.code === "ERR_WORKER_OUT_OF_MEMORY";
    for (const waiting of pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(
        outOfMemory ? invalid("The document is too large to read.", { document: ["Reading it needed more memory than an import may use"] }) : error,
      );
    }
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", () => fail(new Error("the document reader stopped")));
  // The worker never keeps the process alive by itself (a request's timer does while it waits).
  // After the listeners: adding a message listener refs the worker's port again.
  worker.unref();
  return state;
}

export function readDocument(document: unknown): Promise<ParsedDocument> {
  running ??= start();
  const { worker, pending } = running;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // A reader stuck on one document is replaced; whatever else waited on it fails with it.
      pending.delete(id);
      reject(invalid("The document took too long to read.", { document: [`Reading stopped after ${TIMEOUT_MS / 1000} s`] }));
      void worker.terminate();
    }, TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    worker.postMessage({ id, document });
  });
}
