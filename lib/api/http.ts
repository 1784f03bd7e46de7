// The automation API's request handling: bearer token, scope, per-token rate limit, and
// errors as RFC 9457 problem documents with per-field messages. Every /api/v1 route is
// one `apiRoute` call, so none can forget a check.
import { z } from "zod";
import { AppError, HTTP_STATUS, type FieldErrors } from "@/lib/server/errors";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { hashToken, type TokenScope } from "./tokens";
import { takeToken } from "./rate-limit";

export const PROBLEM_TYPES = {
  UNAUTHENTICATED: "unauthenticated",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not-found",
  VALIDATION: "validation",
  CONFLICT: "conflict",
  RATE_LIMITED: "rate-limited",
  INTERNAL: "internal",
} as const;

export function problem(status: number, code: keyof typeof PROBLEM_TYPES, title: string, detail?: string, errors?: FieldErrors, headers: Record<string, string> = {}) {
  return new Response(
    JSON.stringify({
      type: `https://scopeward.dev/problems/${PROBLEM_TYPES[code]}`,
      title,
      status,
      ...(detail && { detail }),
      // RFC 9457 extension member: one entry per field, as JSON Pointer and message.
      ...(errors && { errors: Object.entries(errors).flatMap(([field, messages]) => messages.map((detail) => ({ pointer: `/${field.replaceAll(".", "/")}`, detail }))) }),
    }),
    { status, headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers } },
  );
}

export function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}

const TITLES: Record<AppError["code"], string> = {
  UNAUTHENTICATED: "Authentication required",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  VALIDATION: "Invalid request",
  CONFLICT: "Conflict",
  RATE_LIMITED: "Too many requests",
};

export type ApiCtx = Ctx & { tokenId: string; scopes: TokenScope[] };

/** The token named by the Authorization header, alive and unrevoked, or a 401 to send. */
async function authenticate(request: Request): Promise<ApiCtx | Response> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const unauthenticated = (detail: string) => problem(401, "UNAUTHENTICATED", TITLES.UNAUTHENTICATED, detail, undefined, { "WWW-Authenticate": 'Bearer realm="scopeward"' });
  if (!match) return unauthenticated("Send a console API token: Authorization: Bearer <token>.");
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashToken(match[1]) } });
  const now = new Date();
  if (!token || token.revokedAt || token.expiresAt <= now) return unauthenticated("The token is unknown, revoked or expired.");
  // "Last used" to the minute: a write per call would cost every call.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    // Catalogue services check roles; a token's reach is the ADMIN's, narrowed by its scopes at the route.
    userId: token.createdById ?? "",
    roles: ["ADMIN"],
    name: token.name,
    email: "",
    actor: { kind: "API_TOKEN", tokenId: token.id, label: `token:${token.name}` },
    tokenId: token.id,
    scopes: token.scopes.split(" ").filter(Boolean) as TokenScope[],
  };
}

type Handler<P> = (ctx: ApiCtx, request: Request, params: P) => Promise<Response>;

export function apiRoute<P = Record<string, never>>(scope: TokenScope, handler: Handler<P>) {
  return async (request: Request, context?: { params?: Promise<P> }): Promise<Response> => {
    try {
      const ctx = await authenticate(request);
      if (ctx instanceof Response) return ctx;
      if (!ctx.scopes.includes(scope)) return problem(403, "FORBIDDEN", TITLES.FORBIDDEN, `This token lacks the ${scope} scope.`);
      const wait = takeToken(ctx.tokenId);
      if (wait > 0) return problem(429, "RATE_LIMITED", TITLES.RATE_LIMITED, "This token has made too many requests.", undefined, { "Retry-After": String(Math.ceil(wait / 1000)) });
      return await handler(ctx, request, ((await context?.params) ?? {}) as P);
    } catch (error) {
      if (error instanceof AppError) return problem(HTTP_STATUS[error.code], error.code, TITLES[error.code], error.message, error.fieldErrors);
      const reference = crypto.randomUUID();
      logger.error("api request failed", { reference, url: request.url, error: error instanceof Error ? error.stack : String(error) });
      return problem(500, "INTERNAL", "Internal error", `Something went wrong on our side (reference ${reference.slice(0, 8)}).`);
    }
  };
}

/** A JSON body, or a 422 naming the problem. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("VALIDATION", "The body must be a JSON document.", { _body: ["Not valid JSON"] });
  }
}

// ───────── cursor pagination ─────────

export const pageQuery = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit: at least 1").max(500, "limit: at most 500").default(100),
  cursor: z.string().max(200).optional(),
});

/** Keyset pagination by id: the cursor is the last id of the previous page. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number) {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  return { data, nextCursor: more ? data[data.length - 1].id : null };
}

export function searchParams(request: Request) {
  return Object.fromEntries(new URL(request.url).searchParams);
}
