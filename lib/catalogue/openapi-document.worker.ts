// Reads API documents in a worker thread (openapi-read.ts runs it): parsing and validating a
// document of up to 20 MB takes a CPU for a moment, which must not stall the server's other
// requests. One request at a time, by id; the compiled schema validators stay warm between them.
import { parentPort } from "node:worker_threads";
import { z } from "zod";
import { AppError } from "@/lib/server/errors";
import { parseDocument } from "./openapi-document";

const request = z.object({ id: z.number(), document: z.union([z.string(), z.record(z.string(), z.unknown())]) });

parentPort?.on("message", (message: unknown) => {
  const { id, document } = request.parse(message);
  try {
    parentPort?.postMessage({ id, ok: true, parsed: parseDocument(document) });
  } catch (error) {
    parentPort?.postMessage(
      error instanceof AppError
        ? { id, ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors }
        : { id, ok: false, code: "INTERNAL", message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
    );
  }
});
