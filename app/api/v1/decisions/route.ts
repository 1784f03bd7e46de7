import { routeMethods } from "@/lib/api/methods";
import { decide } from "@/lib/api/decisions";
import { apiRoute, json, readJson } from "@/lib/api/http";

const postHandler = apiRoute("decisions:read", async (_ctx, request) => json(await decide(await readJson(request))));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: postHandler });
