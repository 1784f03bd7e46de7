import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Keep the host a request came to: Next.js otherwise rewrites 127.0.0.1 to "localhost" in request
  // URLs, and a sign-on then sends the identity provider a redirect address it never registered.
  skipProxyUrlNormalize: true,
  typedRoutes: false,
  experimental: {
    // forbidden(): a refused page answers 403 with the friendly "Not allowed" page (app/forbidden.tsx).
    authInterrupts: true,
    // Files reach the console through upload routes (lib/server/upload-route.ts), not actions;
    // the proxy refuses a larger action body with a 413 first (lib/server/action-guard.ts).
    serverActions: { bodySizeLimit: "2mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
