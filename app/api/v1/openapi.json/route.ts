import { routeMethods } from "@/lib/api/methods";
import { openApiDocument } from "@/lib/api/openapi";

// Public: a gateway team reads the contract before it has a token.
function getHandler() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: getHandler });
