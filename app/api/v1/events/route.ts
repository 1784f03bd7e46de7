import { recordUsage } from "@/lib/api/commands/record-usage";
import { apiRoute, json, readJson } from "@/lib/api/http";
import { runCommand } from "@/lib/server/command";

export const POST = apiRoute("telemetry:write", async (ctx, request) => json(await runCommand(recordUsage, ctx, await readJson(request, 8_000_000)), 202));
