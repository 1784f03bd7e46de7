// The Content-Security-Policy and transport headers every response carries. A fresh nonce per
// request lets the framework's own inline scripts run and nothing else: an injected script has
// no nonce. Styles stay 'unsafe-inline' because server-rendered style attributes (chart sizes,
// bar widths) cannot carry a nonce; scripts are where injection does harm.

export function contentSecurityPolicy({ nonce, development, identityProvider }: { nonce: string; development: boolean; identityProvider?: string }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'strict-dynamic': scripts the nonced ones load (the page's chunks) are trusted through them.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(development ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    // Single sign-on's form posts here and is redirected on to the provider.
    "form-action": ["'self'", ...(identityProvider ? [identityProvider] : [])],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** HSTS when the console is reached over https: its public origin says so, or the proxy in front does. */
export function strictTransportSecurity(appUrl: string | undefined, forwardedProto: string | null): string | null {
  const https = appUrl?.startsWith("https://") || forwardedProto?.split(",")[0]?.trim() === "https";
  return https ? "max-age=31536000; includeSubDomains" : null;
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
