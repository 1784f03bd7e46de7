import { decide } from "@/lib/api/decisions";
import { apiRoute, json, readJson } from "@/lib/api/http";

export const POST = apiRoute("decisions:read", async (_ctx, request) => json(await decide(await readJson(request))));
