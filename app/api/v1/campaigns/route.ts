import { routeMethods } from "@/lib/api/methods";
import { apiRoute, json, searchParams } from "@/lib/api/http";
import { listCampaignsPage } from "@/lib/api/resources";

const getHandler = apiRoute("reviews:read", async (_ctx, request) => json(await listCampaignsPage(searchParams(request))));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: getHandler });
