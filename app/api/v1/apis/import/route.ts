import { apiRoute, json, readJson } from "@/lib/api/http";
import { applyImport } from "@/lib/catalogue/openapi-import";

export const POST = apiRoute("catalog:write", async (ctx, request) => json(await applyImport(ctx, await readJson(request)), 201));
