import { apiRoute, json } from "@/lib/api/http";
import { importJob } from "@/lib/catalogue/import-jobs";

export const GET = apiRoute<{ id: string }>("catalog:read", async (ctx, _request, { id }) => json(await importJob(ctx, id)));
