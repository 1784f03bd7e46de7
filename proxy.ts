// Runs before every page and route: refuses malformed and cross-origin server-action calls with
// a 4xx (lib/server/action-guard.ts), gives the request a CSP nonce (Next.js puts it on its own
// inline scripts, read from the request's policy header) and sets the security headers on the
// response. The static headers that need no nonce are in next.config.ts.
import { type NextRequest, NextResponse } from "next/server";
import { checkServerAction } from "@/lib/server/action-guard";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/server/security-headers";

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

export async function proxy(request: NextRequest) {
  const refusal = await checkServerAction(request, process.env.APP_URL);
  if (refusal) return NextResponse.json({ error: refusal.message }, { status: refusal.status });
  const nonce = newNonce();
  const policy = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    identityProvider: originOf(process.env.OIDC_ISSUER),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  const hsts = strictTransportSecurity(process.env.APP_URL, request.headers.get("x-forwarded-proto"));
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  // Not the build's static files: they carry no inline script and are cached as they are.
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg).*)" }],
};
