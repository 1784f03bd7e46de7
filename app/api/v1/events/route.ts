import { routeMethods } from "@/lib/api/methods";
import { recordUsage } from "@/lib/api/commands/record-usage";
import { apiRoute, json, readJson } from "@/lib/api/http";
import { runCommand } from "@/lib/server/command";

const postHandler = apiRoute("telemetry:write", async (ctx, request) => json(await runCommand(recordUsage, ctx, await readJson(request, 8_000_000)), 202));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: postHandler });
