// Every /api/v1 answer is a problem document when it is an error, including a method the route
// does not serve: 405 with an Allow header naming those it does (Next.js alone would send an
// empty 405), and a path that does not exist at all: 404.
import { drain, problem } from "./http";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
// Any route handler: whatever its params, it takes the request first (a parameter of type never
// accepts every handler's own context type).
type Handler = (request: Request, context: never) => Promise<Response> | Response;
type Refusal = (request: Request) => Promise<Response>;

/** The route's handlers, and a 405 problem for each method it lacks: spread into the route file's exports. */
export function routeMethods<H extends Partial<Record<Method, Handler>>>(handlers: H): H & Record<Exclude<Method, keyof H>, Refusal> {
  const allow = [...METHODS.filter((m) => m in handlers), ...("GET" in handlers ? ["HEAD"] : [])].join(", ");
  const refuse: Refusal = async (request) => {
    await drain(request);
    return problem(405, "METHOD_NOT_ALLOWED", "Method not allowed", `${request.method} is not served here; use ${allow}.`, undefined, { Allow: allow });
  };
  const missing = Object.fromEntries(METHODS.filter((m) => !(m in handlers)).map((m) => [m, refuse]));
  // The spread holds every method: the given ones and a refusal for each of the others.
  return { ...missing, ...handlers } as H & Record<Exclude<Method, keyof H>, Refusal>;
}

/** A path under /api/v1 that names no resource. */
export async function unknownPath(request: Request) {
  await drain(request);
  return problem(404, "NOT_FOUND", "Not found", `${new URL(request.url).pathname} is not part of the API; see /api/v1/openapi.json.`);
}
