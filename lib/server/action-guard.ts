// Server-action requests checked before Next.js reads them, so a caller's mistake is a 4xx:
// a call from another origin is refused with 403 (Next.js would throw, answering 500), and a
// body that is not the JSON array of arguments a server action sends is a 400.

// Next.js's own limit for an action's body (next.config.ts): files go through upload routes
// (lib/server/upload-route.ts), and no form or batch of decisions comes near it. Past it, a 413
// in words rather than Next.js's error.
export const ACTION_BYTES = 2 * 1024 * 1024;
const TOO_LARGE: Refusal = { status: 413, message: "A server action's arguments are at most 2 MB; files go through the import pages." };
// No form or input of the console nests deeper; React's decoder overflows its stack long before JSON does.
const MAX_NESTING = 32;

/** How deep arrays and objects nest in a JSON text, brackets inside strings not counted. */
export function nesting(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** The host a same-origin call comes from: the public origin's when set, else the one it was sent to. */
function expectedHost(request: Request, appUrl: string | undefined): string | null {
  if (appUrl) return new URL(appUrl).host;
  return request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? request.headers.get("host");
}

/** Whether a browser says the request comes from a page of another origin (a request without Origin is no browser's cross-site one). */
export function fromElsewhere(request: Request, appUrl: string | undefined): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== expectedHost(request, appUrl);
  } catch {
    return true; // an Origin that is not a URL ("null") is not ours
  }
}

export type Refusal = { status: 400 | 403 | 413; message: string };

export async function checkServerAction(request: Request, appUrl: string | undefined): Promise<Refusal | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  if (fromElsewhere(request, appUrl)) return { status: 403, message: "Requests to this console's actions must come from the console itself." };
  if (Number(request.headers.get("content-length") ?? 0) > ACTION_BYTES) return TOO_LARGE;
  const type = request.headers.get("content-type") ?? "";
  // Forms arrive as multipart or urlencoded fields, which Next.js reads itself.
  if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) return null;
  const body = (await request.clone().text()).trim();
  if (body.length > ACTION_BYTES) return TOO_LARGE;
  const framed = body.startsWith("[") && body.endsWith("]");
  if (!framed) return { status: 400, message: "A server action's body is a JSON array of its arguments." };
  if (nesting(body) > MAX_NESTING) return { status: 400, message: `A server action's arguments nest at most ${MAX_NESTING} levels deep.` };
  try {
    JSON.parse(body);
  } catch {
    return { status: 400, message: "The body is not valid JSON." };
  }
  return null;
}
