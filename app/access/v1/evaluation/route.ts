// AuthZEN Access Evaluation API (lib/api/authzen.ts), for gateways' AuthZEN plugins.
import { accessEvaluation } from "@/lib/api/authzen";
import { AUTHZEN_MAX_BYTES, withRequestId } from "@/lib/api/authzen-http";
import { apiRoute, json, readJson } from "@/lib/api/http";
import { routeMethods } from "@/lib/api/methods";

const postHandler = apiRoute("decisions:read", async (_ctx, request) =>
  withRequestId(request, json(await accessEvaluation(await readJson(request, AUTHZEN_MAX_BYTES.evaluation)))),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: postHandler });
