// The decision point: POST /api/v1/decisions on a listener of its own (DECISIONS_PORT),
// beside the console. Gateways ask on every call they forward, so an answer must cost a
// fraction of a millisecond; through the web framework (routing, request and response
// objects, rendering machinery) it costs several. This listener runs only what a decision
// needs — the same token check, scope, rate limit, validation and decide() as the console's
// route, with the same contract and problem documents — on Node's own HTTP server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { logger } from "@/lib/server/logger";
import { decide } from "./decisions";
import { authorize, errorDocument, parseJson, problemDocument, type ProblemDocument } from "./http";

export const DECISIONS_PATH = "/api/v1/decisions";
// A decision request is a consumer, an API and a list of scopes: a few hundred bytes.
const MAX_BODY_BYTES = 64 * 1024;
const JSON_HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store" };

function send(res: ServerResponse, { status, headers, body }: ProblemDocument) {
  res.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

class TooLarge extends Error {}

/**
 * The body as text. Past the limit the rest is read and dropped, so the client gets its 413
 * instead of a reset connection; a client that keeps sending far beyond it is cut off.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > 16 * MAX_BODY_BYTES) req.destroy();
    });
    req.on("end", () => (size > MAX_BODY_BYTES ? reject(new TooLarge()) : resolve(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? "/";
  try {
    if (url.split("?")[0] !== DECISIONS_PATH)
      return send(res, problemDocument(404, "NOT_FOUND", "Not found", `This listener answers POST ${DECISIONS_PATH} only.`));
    if (req.method !== "POST")
      return send(res, problemDocument(405, "METHOD_NOT_ALLOWED", "Method not allowed", `Use POST ${DECISIONS_PATH}.`, undefined, { Allow: "POST" }));
    const ctx = await authorize(req.headers.authorization ?? null, "decisions:read");
    if ("status" in ctx) return send(res, ctx);
    const decision = await decide(parseJson(await readBody(req)));
    send(res, { status: 200, headers: JSON_HEADERS, body: JSON.stringify(decision) });
  } catch (error) {
    if (error instanceof TooLarge)
      return send(res, problemDocument(413, "TOO_LARGE", "Request too large", `A decision request is at most ${MAX_BODY_BYTES / 1024} KB.`));
    send(res, errorDocument(error, url));
  }
}

export function createDecisionServer(): Server {
  const server = createServer((req, res) => void handle(req, res));
  // Gateways keep connections open; keep them longer than a typical client pool's idle time.
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Starts the listener; resolves once it accepts connections. */
export function startDecisionServer(port: number, host?: string): Promise<Server> {
  const server = createDecisionServer();
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      logger.info("decision point listening", { port, path: DECISIONS_PATH });
      resolve(server);
    });
  });
}
