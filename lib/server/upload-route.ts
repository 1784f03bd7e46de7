// Uploads of the console (a CSV file, an OpenAPI document): route handlers rather than server
// actions, because a file may be larger than an action's body and must be refused with a 413
// the browser can show, read as it streams in. The caller is a signed-in person on a page of
// this console; their right is checked before the body is read; every answer is JSON: the
// result, or an RFC 9457 problem the form shows as it is.
import { drain, errorDocument, json, readText, toResponse } from "@/lib/api/http";
import { fromElsewhere } from "./action-guard";
import type { Ctx } from "./authz";
import { env } from "./env";
import { AppError } from "./errors";
import { requireSession } from "./session";

type Upload = {
  /** The largest body taken, in bytes; the form promises it. */
  maxBytes: number;
  /** Throws when the caller may not upload here at all: checked before the body is read. */
  allow: (ctx: Ctx) => void;
  run: (ctx: Ctx, body: string, query: URLSearchParams) => Promise<unknown>;
};

export function uploadRoute({ maxBytes, allow, run }: Upload) {
  return async (request: Request): Promise<Response> => {
    let response: Response;
    try {
      if (fromElsewhere(request, env().APP_URL)) throw new AppError("FORBIDDEN", "Uploads must come from the console's own pages.");
      const ctx = await requireSession();
      allow(ctx);
      const body = await readText(request, maxBytes);
      response = json(await run(ctx, body, new URL(request.url).searchParams));
    } catch (error) {
      response = toResponse(errorDocument(error, request.url));
    }
    await drain(request);
    return response;
  };
}
