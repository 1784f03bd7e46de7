import { routeMethods } from "@/lib/api/methods";
import { apiRoute, json } from "@/lib/api/http";
import { importJob } from "@/lib/catalogue/import-jobs";

const getHandler = apiRoute<{ id: string }>("catalog:read", async (ctx, _request, { id }) => json(await importJob(ctx, id)));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: getHandler });
