import { apiRoute, json, searchParams } from "@/lib/api/http";
import { listCampaignsPage } from "@/lib/api/resources";

export const GET = apiRoute("reviews:read", async (_ctx, request) => json(await listCampaignsPage(searchParams(request))));
