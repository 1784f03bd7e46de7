// OTLP/HTTP trace exports (JSON) as usage: lib/api/otlp.ts reads the spans, the usage command
// stores them. The answer is OTLP's ExportTraceServiceResponse, with the spans naming an
// unknown consumer or host counted as rejected and named in its message.
import { gunzipSync } from "node:zlib";
import { recordUsage } from "@/lib/api/commands/record-usage";
import { MAX_EVENTS } from "@/lib/api/events";
import { apiRoute, json, parseJson, problem, readBytes } from "@/lib/api/http";
import { routeMethods } from "@/lib/api/methods";
import { eventsFromTraces } from "@/lib/api/otlp";
import { authorizeCommand, runCommand } from "@/lib/server/command";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";

const MAX_BYTES = 8_000_000;
const MAX_INFLATED = 64_000_000;

function inflate(body: Buffer, encoding: string | null): Buffer {
  if (!encoding || encoding === "identity") return body;
  if (encoding !== "gzip") throw new AppError("VALIDATION", `Content-Encoding ${encoding} is not accepted: send gzip or none.`);
  try {
    return gunzipSync(body, { maxOutputLength: MAX_INFLATED });
  } catch (error) {
    if (error instanceof RangeError) throw new AppError("TOO_LARGE", `The export is over ${MAX_INFLATED.toLocaleString("en")} bytes uncompressed.`);
    throw new AppError("VALIDATION", "The body is not valid gzip.");
  }
}

const postHandler = apiRoute("telemetry:write", async (ctx, request) => {
  // Refused before the body is read, even when the export turns out to carry no call.
  authorizeCommand(recordUsage, ctx);
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("json"))
    return problem(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "Unsupported media type",
      "Send OTLP/HTTP in JSON (Content-Type: application/json): in the collector's otlphttp exporter, set encoding: json.",
    );
  const body = inflate(await readBytes(request, MAX_BYTES), request.headers.get("content-encoding"));
  const outcome = await eventsFromTraces(parseJson(body.toString("utf8")), env().OTLP_CONSUMER_ATTRIBUTES);
  let rejected = outcome.spans - outcome.skipped - outcome.events.length;
  for (let i = 0; i < outcome.events.length; i += MAX_EVENTS) {
    const result = await runCommand(recordUsage, ctx, { events: outcome.events.slice(i, i + MAX_EVENTS) });
    rejected += result.rejected;
  }
  const names = [
    outcome.unknown.subjects.length && `unknown consumers: ${outcome.unknown.subjects.slice(0, 20).join(", ")}`,
    outcome.unknown.hosts.length && `unknown hosts: ${outcome.unknown.hosts.slice(0, 20).join(", ")}`,
  ].filter(Boolean);
  return json(
    rejected
      ? { partialSuccess: { rejectedSpans: String(rejected), errorMessage: `${rejected} spans name no known consumer or API (${names.join("; ")})` } }
      : {},
  );
});

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: postHandler });
