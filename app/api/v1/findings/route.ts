import { apiRoute, json, searchParams } from "@/lib/api/http";
import { listFindingsPage } from "@/lib/api/resources";

export const GET = apiRoute("catalog:read", async (_ctx, request) => json(await listFindingsPage(searchParams(request))));
