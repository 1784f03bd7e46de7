import { routeMethods } from "@/lib/api/methods";
import { apiRoute, json, readJson } from "@/lib/api/http";
import { startImport } from "@/lib/catalogue/import-jobs";

// 201 with the import's summary, or, for a large document, 202 with its job to follow.
const postHandler = apiRoute("catalog:write", async (ctx, request) => {
  const started = await startImport(ctx, await readJson(request, 21_000_000));
  if (started.kind === "imported") return json(started.result, 201);
  const accepted = json(started.job, 202);
  accepted.headers.set("Location", `/api/v1/apis/imports/${started.job.id}`);
  return accepted;
});

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: postHandler });
