// The decision point: POST /api/v1/decisions and the AuthZEN endpoints (authzen.ts) on a
// listener of its own (DECISIONS_PORT),
// beside the console. Gateways ask on every call they forward, so an answer must cost a
// fraction of a millisecond; through the web framework (routing, request and response
// objects, rendering machinery) it costs several. This listener runs only what a decision
// needs — the same token check, scope, rate limit, validation and decide() as the console's
// route, with the same contract and problem documents — on Node's own HTTP server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { accessEvaluation, accessEvaluations, AUTHZEN_PATHS, authzenConfiguration } from "./authzen";
import { AUTHZEN_MAX_BYTES, requestIdHeader } from "./authzen-http";
import { decide } from "./decisions";
import { authorize, errorDocument, parseJson, problemDocument, type ProblemDocument } from "./http";
import { startLiveView } from "./live-view";

export const DECISIONS_PATH = "/api/v1/decisions";
// A decision request is a consumer, an API and a list of scopes: a few hundred bytes.
const MAX_BODY_BYTES = 64 * 1024;
const JSON_HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store" };

function send(res: ServerResponse, { status, headers, body }: ProblemDocument) {
  res.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

class TooLarge extends Error {
  constructor(readonly limit: number) {
    super("Request too large");
  }
}

/**
 * The body as text. Past the limit the rest is read and dropped, so the client gets its 413
 * instead of a reset connection; a client that keeps sending far beyond it is cut off.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > 16 * limit) req.destroy();
    });
    req.on("end", () => (size > limit ? reject(new TooLarge(limit)) : resolve(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

/** What a listener knows of itself: its public origin (DECISIONS_URL), when set. */
type Listener = { origin?: string };
type Endpoint = {
  method: "GET" | "POST";
  scope: boolean;
  maxBytes: number;
  run: (body: unknown, req: IncomingMessage, listener: Listener) => Promise<unknown> | unknown;
};

const ENDPOINTS: Record<string, Endpoint> = {
  [DECISIONS_PATH]: { method: "POST", scope: true, maxBytes: MAX_BODY_BYTES, run: (body) => decide(body) },
  [AUTHZEN_PATHS.evaluation]: { method: "POST", scope: true, maxBytes: AUTHZEN_MAX_BYTES.evaluation, run: (body) => accessEvaluation(body) },
  [AUTHZEN_PATHS.evaluations]: { method: "POST", scope: true, maxBytes: AUTHZEN_MAX_BYTES.evaluations, run: (body) => accessEvaluations(body) },
  [AUTHZEN_PATHS.configuration]: {
    method: "GET",
    scope: false,
    maxBytes: 0,
    // Its public origin when configured; else as gateways reached it (through a TLS proxy,
    // https), which a caller's Host header decides.
    run: (_body, req, listener) =>
      authzenConfiguration(listener.origin ?? `${req.headers["x-forwarded-proto"] === "https" ? "https" : "http"}://${req.headers.host ?? "localhost"}`),
  },
};
const SERVED = Object.entries(ENDPOINTS)
  .map(([path, e]) => `${e.method} ${path}`)
  .join(", ");

async function handle(req: IncomingMessage, res: ServerResponse, listener: Listener) {
  const url = req.url ?? "/";
  const path = url.split("?")[0] ?? "/";
  try {
    const endpoint = ENDPOINTS[path];
    if (!endpoint) return send(res, problemDocument(404, "NOT_FOUND", "Not found", `This listener answers ${SERVED} only.`));
    if (req.method !== endpoint.method && !(endpoint.method === "GET" && req.method === "HEAD"))
      return send(
        res,
        problemDocument(405, "METHOD_NOT_ALLOWED", "Method not allowed", `Use ${endpoint.method} ${path}.`, undefined, { Allow: endpoint.method }),
      );
    if (endpoint.scope) {
      const ctx = await authorize(req.headers.authorization ?? null, "decisions:read");
      if ("status" in ctx) return send(res, ctx);
    }
    const body = endpoint.method === "POST" ? parseJson(await readBody(req, endpoint.maxBytes)) : undefined;
    const answer = await endpoint.run(body, req, listener);
    send(res, { status: 200, headers: { ...JSON_HEADERS, ...requestIdHeader(req.headers["x-request-id"]) }, body: JSON.stringify(answer) });
  } catch (error) {
    if (error instanceof TooLarge)
      return send(res, problemDocument(413, "TOO_LARGE", "Request too large", `A request to ${path} is at most ${Math.round(error.limit / 1024)} KB.`));
    send(res, errorDocument(error, url));
  }
}

export function createDecisionServer(listener: Listener = {}): Server {
  const server = createServer((req, res) => void handle(req, res, listener));
  // Gateways keep connections open; keep them longer than a typical client pool's idle time.
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Starts the listener; resolves once it accepts connections (and, on PostgreSQL, its live view listens). */
export async function startDecisionServer(port: number, host?: string, listener: Listener = { origin: env().DECISIONS_URL }): Promise<Server> {
  // Listening before the first call, so that call already fills the view.
  await startLiveView()?.start();
  const server = createDecisionServer(listener);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      logger.info("decision point listening", { port, path: DECISIONS_PATH });
      resolve(server);
    });
  });
}
