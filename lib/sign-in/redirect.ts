// Where a person goes after signing in: only a path of this console. An open redirect would
// make the sign-in page a phishing aid, and browsers forgive a lot: "/\evil.test", "/%09/evil.test"
// (a tab, dropped by the browser, leaving "//evil.test"), "//evil.test" and encoded slashes all
// lead off-site. Anything that is not a plain same-origin path falls back to the landing page.

export const LANDING = "/work";

// Control characters, backslashes, and any percent-encoding of those or of a slash.
const SUSPICIOUS = /[\u0000-\u001f\u007f\\]|%(0[0-9a-f]|1[0-9a-f]|7f|5c|2f)/i;
const PROBE = "http://scopeward.invalid";

export function safeRedirectPath(next: unknown): string {
  if (typeof next !== "string" || next.length > 2000 || !next.startsWith("/") || next.startsWith("//") || SUSPICIOUS.test(next)) return LANDING;
  let url: URL;
  try {
    url = new URL(next, PROBE);
  } catch {
    return LANDING;
  }
  if (url.origin !== PROBE || url.pathname.startsWith("//")) return LANDING;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Auth.js's redirect check: a path of this console, or an absolute address on the console's
 * own origin (APP_URL when set, so a forged forwarded host is never the target).
 */
export function safeRedirectUrl(url: string, origin: string): string {
  if (url.startsWith("/")) return `${origin}${safeRedirectPath(url)}`;
  try {
    const target = new URL(url);
    if (target.origin === origin) return `${origin}${safeRedirectPath(`${target.pathname}${target.search}${target.hash}`)}`;
  } catch {
    // not a URL at all
  }
  return `${origin}${LANDING}`;
}
