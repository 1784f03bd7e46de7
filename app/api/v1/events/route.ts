import { ingestEvents } from "@/lib/api/events";
import { apiRoute, json, readJson } from "@/lib/api/http";

export const POST = apiRoute("telemetry:write", async (_ctx, request) => json(await ingestEvents(await readJson(request)), 202));
