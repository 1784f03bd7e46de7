// AuthZEN Access Evaluations API (lib/api/authzen.ts): many evaluations in one request.
import { accessEvaluations } from "@/lib/api/authzen";
import { AUTHZEN_MAX_BYTES, withRequestId } from "@/lib/api/authzen-http";
import { apiRoute, json, readJson } from "@/lib/api/http";
import { routeMethods } from "@/lib/api/methods";

const postHandler = apiRoute("decisions:read", async (_ctx, request) =>
  withRequestId(request, json(await accessEvaluations(await readJson(request, AUTHZEN_MAX_BYTES.evaluations)))),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: postHandler });
