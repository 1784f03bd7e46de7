// The automation API's request handling: bearer token, scope, per-token rate limit, and
// errors as RFC 9457 problem documents with per-field messages. Every /api/v1 route is
// one `apiRoute` call, so none can forget a check.
import { z } from "zod";
import { AppError, HTTP_STATUS, type FieldErrors } from "@/lib/server/errors";
import type { Ctx } from "@/lib/server/authz";
import { hotQuery, toDate } from "@/lib/server/driver";
import { db } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { WHOLE_INPUT } from "@/lib/server/validation";
import { UserRole } from "@/lib/generated/prisma/enums";
import { hashToken, tokenSuspension, TOKEN_SCOPES, type TokenScope } from "./tokens";
import { notificationsApplied, remembered, TOKENS_TAG } from "./live-view";
import { takeToken } from "./rate-limit";

export const PROBLEM_TYPES = {
  UNAUTHENTICATED: "unauthenticated",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not-found",
  VALIDATION: "validation",
  CONFLICT: "conflict",
  RATE_LIMITED: "rate-limited",
  METHOD_NOT_ALLOWED: "method-not-allowed",
  TOO_LARGE: "payload-too-large",
  UNSUPPORTED_MEDIA_TYPE: "unsupported-media-type",
  INTERNAL: "internal",
} as const;

/** An RFC 9457 problem document, ready for any HTTP server to send. */
export type ProblemDocument = { status: number; headers: Record<string, string>; body: string };

export function problemDocument(
  status: number,
  code: keyof typeof PROBLEM_TYPES,
  title: string,
  detail?: string,
  errors?: FieldErrors,
  headers: Record<string, string> = {},
): ProblemDocument {
  return {
    status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers },
    body: JSON.stringify({
      type: `https://scopeward.dev/problems/${PROBLEM_TYPES[code]}`,
      title,
      status,
      ...(detail && { detail }),
      // RFC 9457 extension member: one entry per field, as JSON Pointer and message.
      ...(errors && { errors: Object.entries(errors).flatMap(([field, messages]) => messages.map((detail) => ({ pointer: pointerOf(field), detail }))) }),
    }),
  };
}

/** A field key as a JSON Pointer into the request body; the whole body is the empty pointer. */
function pointerOf(field: string) {
  return field === WHOLE_INPUT || field === "_body" ? "" : `/${field.replaceAll(".", "/")}`;
}

export const toResponse = (p: ProblemDocument) => new Response(p.body, { status: p.status, headers: p.headers });

export function problem(
  status: number,
  code: keyof typeof PROBLEM_TYPES,
  title: string,
  detail?: string,
  errors?: FieldErrors,
  headers: Record<string, string> = {},
) {
  return toResponse(problemDocument(status, code, title, detail, errors, headers));
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
  TOO_LARGE: "Request too large",
};

export type ApiCtx = Ctx & { tokenId: string; scopes: TokenScope[] };

// The token by its hash, with the person it acts for and that person's roles (a row per role):
// every call asks, so a prepared statement answers.
const TOKEN_SQL = `SELECT t.id, t.name, t.scopes, t."createdById", t."revokedAt", t."expiresAt", t."lastUsedAt",
    u.active AS "creatorActive", u.name AS "creatorName", u.email AS "creatorEmail", r.role AS "role"
  FROM "ApiToken" t LEFT JOIN "User" u ON u.id = t."createdById" LEFT JOIN "UserRoleGrant" r ON r."userId" = u.id
  WHERE t."tokenHash" = $1`;

const tokenRow = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.string(),
  createdById: z.string().nullable(),
  revokedAt: z.unknown(),
  expiresAt: z.unknown(),
  lastUsedAt: z.unknown(),
  // SQLite answers 0 or 1 (as a bigint on the driver), PostgreSQL a boolean.
  creatorActive: z
    .union([z.boolean(), z.number(), z.bigint()])
    .transform((v) => v === true || Number(v) === 1)
    .nullable(),
  creatorName: z.string().nullable(),
  creatorEmail: z.string().nullable(),
  role: z.enum(UserRole).nullable(),
});

// When this process last recorded each token's use; a few bytes per token that called.
const lastUseWritten = new Map<string, number>();

const grantedScope = (scope: string) => TOKEN_SCOPES.find((s) => s === scope);

/** The token named by the Authorization header, alive and acting for an able person, or a 401 to send. */
async function authenticate(header: string): Promise<ApiCtx | ProblemDocument> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const unauthenticated = (detail: string) =>
    problemDocument(401, "UNAUTHENTICATED", TITLES.UNAUTHENTICATED, detail, undefined, { "WWW-Authenticate": 'Bearer realm="scopeward"' });
  const secret = match?.[1];
  if (!secret) return unauthenticated("Send a console API token: Authorization: Bearer <token>.");
  const hash = hashToken(secret);
  const rows = await remembered(`token ${hash}`, [TOKENS_TAG], () => hotQuery("token", TOKEN_SQL, [hash], tokenRow));
  const token = rows[0];
  const now = new Date();
  const expiresAt = toDate(token?.expiresAt);
  if (!token || token.revokedAt || !expiresAt || expiresAt <= now) return unauthenticated("The token is unknown, revoked or expired.");
  const roles = rows.flatMap((r) => (r.role ? [r.role] : []));
  const creator =
    token.createdById && token.creatorEmail
      ? { id: token.createdById, email: token.creatorEmail, name: token.creatorName ?? token.creatorEmail, active: token.creatorActive === true, roles }
      : null;
  const suspension = tokenSuspension(creator);
  if (!creator || suspension) return unauthenticated(suspension ?? "No person stands behind this token.");
  // "Last used" to the minute: a write per call would cost every call. The row may come from
  // the live view, which keeps it past such a write: this process remembers its own writes.
  const lastUsedAt = Math.max(toDate(token.lastUsedAt)?.getTime() ?? 0, lastUseWritten.get(token.id) ?? 0);
  if (now.getTime() - lastUsedAt > 60_000) {
    lastUseWritten.set(token.id, now.getTime());
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  const scopes = token.scopes.split(" ").flatMap((s) => grantedScope(s) ?? []);
  return {
    // The token acts for its creator, with their roles as they are now, narrowed by its scopes.
    userId: creator.id,
    roles,
    name: creator.name,
    email: creator.email,
    actor: { kind: "API_TOKEN", tokenId: token.id, label: `token:${token.name}`, userId: creator.id, scopes },
    tokenId: token.id,
    scopes,
  };
}

/** Authentication, the route's scope and the token's rate limit: the caller, or the problem to send. */
export async function authorize(authorization: string | null, scope: TokenScope): Promise<ApiCtx | ProblemDocument> {
  // A revocation that reached this process before the call is applied before the call is answered.
  await notificationsApplied();
  const ctx = await authenticate(authorization ?? "");
  if ("status" in ctx) return ctx;
  if (!ctx.scopes.includes(scope)) return problemDocument(403, "FORBIDDEN", TITLES.FORBIDDEN, `This token lacks the ${scope} scope.`);
  const wait = takeToken(ctx.tokenId);
  if (wait > 0)
    return problemDocument(429, "RATE_LIMITED", TITLES.RATE_LIMITED, "This token has made too many requests.", undefined, {
      "Retry-After": String(Math.ceil(wait / 1000)),
    });
  return ctx;
}

/** What a failed request answers: the AppError's problem, or a 500 with a reference to the log. */
export function errorDocument(error: unknown, url: string): ProblemDocument {
  if (error instanceof AppError) return problemDocument(HTTP_STATUS[error.code], error.code, TITLES[error.code], error.message, error.fieldErrors);
  const reference = crypto.randomUUID();
  logger.error("api request failed", { reference, url, error: error instanceof Error ? error.stack : String(error) });
  return problemDocument(500, "INTERNAL", "Internal error", `Something went wrong on our side (reference ${reference.slice(0, 8)}).`);
}

type Handler<P> = (ctx: ApiCtx, request: Request, params: P) => Promise<Response>;

export function apiRoute<P = Record<string, never>>(scope: TokenScope, handler: Handler<P>) {
  return async (request: Request, context?: { params?: Promise<P> }): Promise<Response> => {
    let response: Response;
    try {
      const ctx = await authorize(request.headers.get("authorization"), scope);
      response = "status" in ctx ? toResponse(ctx) : await handler(ctx, request, ((await context?.params) ?? {}) as P);
    } catch (error) {
      response = toResponse(errorDocument(error, request.url));
    }
    await drain(request);
    return response;
  };
}

/** A JSON document, or a 422 naming the problem. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The body must be a JSON document.", { _body: ["Not valid JSON"] });
  }
}

/**
 * A JSON body of at most `maxBytes`, or a 413 (read as it streams in: a larger body is cut off,
 * never held in memory whole), or a 422 naming the problem.
 */
export async function readJson(request: Request, maxBytes = 1_000_000): Promise<unknown> {
  return parseJson(await readText(request, maxBytes));
}

/** A body of at most `maxBytes` as UTF-8 text, or a 413: read as it streams in, never held whole when larger. */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  return (await readBytes(request, maxBytes)).toString("utf8");
}

/** A body of at most `maxBytes`, or a 413: read as it streams in, never held whole when larger. */
export async function readBytes(request: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError("TOO_LARGE", `The request body is over ${maxBytes.toLocaleString("en")} bytes.`);
  const reader = request.body?.getReader();
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) {
    if (reader) await discard(reader, 0);
    throw tooLarge();
  }
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await discard(reader, size);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads and drops what is left of a request's body, so that an early answer (401, 404) reaches a client still sending it. */
export async function drain(request: Request) {
  if (request.body && !request.bodyUsed && !request.body.locked) await discard(request.body.getReader(), 0);
}

// The rest of a body that is too large is read and dropped, so that a client still sending it
// gets the 413 rather than a reset connection; a body larger still is cut off.
const DRAIN_LIMIT = 64_000_000;

async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, read: number) {
  let size = read;
  while (size < DRAIN_LIMIT) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
  }
  await reader.cancel();
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
  return { data, nextCursor: more ? (data.at(-1)?.id ?? null) : null };
}

export function searchParams(request: Request) {
  return Object.fromEntries(new URL(request.url).searchParams);
}
