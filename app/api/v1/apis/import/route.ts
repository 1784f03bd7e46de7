import { apiRoute, json, readJson } from "@/lib/api/http";
import { importApi } from "@/lib/catalogue/commands/import-api";
import { runCommand } from "@/lib/server/command";

export const POST = apiRoute("catalog:write", async (ctx, request) => json(await runCommand(importApi, ctx, await readJson(request, 21_000_000)), 201));
