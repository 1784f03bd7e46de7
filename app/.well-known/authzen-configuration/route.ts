// The AuthZEN PDP metadata (AuthZEN §9): public, as discovery documents are; it names the
// console's public origin (APP_URL) when set.
import { authzenConfiguration } from "@/lib/api/authzen";
import { json } from "@/lib/api/http";
import { routeMethods } from "@/lib/api/methods";
import { env } from "@/lib/server/env";

const getHandler = async (request: Request) => json(authzenConfiguration(env().APP_URL ?? new URL(request.url).origin));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: getHandler });
