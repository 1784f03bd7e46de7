import { routeMethods } from "@/lib/api/methods";
import { apiRoute, json, searchParams } from "@/lib/api/http";
import { listFindingsPage } from "@/lib/api/resources";

const getHandler = apiRoute("catalog:read", async (_ctx, request) => json(await listFindingsPage(searchParams(request))));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: getHandler });
