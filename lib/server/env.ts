// The one place that reads process.env. Every setting is validated once, at
// first use; a wrong value stops the app with a message naming the variable.
import { z } from "zod";
import { DEFAULT_DATABASE_URL, providerOf } from "./database-url";

const optionalUrl = z.preprocess((value) => (value === "" ? undefined : value), z.url().optional());
// A public address, kept as its origin (scheme, host and port): what links and metadata are built on.
const optionalOrigin = optionalUrl.transform((url) => (url ? new URL(url).origin : undefined));
const optionalString = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine(
        (url) => {
          try {
            providerOf(url);
            return true;
          } catch {
            return false;
          }
        },
        { message: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)' },
      ),
    // The console's public origin (https://console.example.com). When set, sign-in redirects and
    // forwarded host headers are held to it, and emails link to it.
    APP_URL: optionalOrigin,
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").default("scopeward-demo"),
    // https, or http on this machine's loopback only (a test provider): tokens must not cross a network in clear.
    OIDC_ISSUER: optionalUrl.refine((url) => !url || url.startsWith("https://") || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url), {
      message: "must be an https:// URL (http:// only for a provider on this machine's loopback)",
    }),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
    // "group=ROLE,group=ROLE"; a group named like a role (e.g. "admin") maps to it without an entry.
    OIDC_ROLE_MAP: z.string().default(""),
    // Scopes asked for beyond "openid email profile", e.g. "groups" where the provider releases groups only for it.
    OIDC_SCOPES: z.string().default(""),
    // A first sign-on whose verified email matches a console user not yet linked: link them ("verified"), or refuse ("off").
    OIDC_LINK_BY_EMAIL: z.enum(["verified", "off"]).default("verified"),
    // A first sign-on whose groups map to no console role: refuse it ("refuse"), or create the person inactive for an administrator to decide ("inactive").
    OIDC_UNMAPPED_USERS: z.enum(["refuse", "inactive"]).default("refuse"),
    // How long any call to the identity provider may take.
    OIDC_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
    SMTP_URL: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .regex(/^smtps?:\/\//, 'must start with "smtp://" or "smtps://"')
        .optional(),
    ),
    // The server's own background runner (reminders, due dates, expiry, remediation); "off" when a cron runs `npm run jobs` instead.
    BACKGROUND_JOBS: z.enum(["on", "off"]).default("on"),
    // Per-token rate limit of the automation API, per instance (a token bucket).
    API_RATE_PER_SECOND: z.coerce.number().positive("must be a positive number").default(300),
    API_RATE_BURST: z.coerce.number().int().positive("must be a positive whole number").default(600),
    // The span attributes that name the consumer of a call in OTLP trace exports, first found wins.
    OTLP_CONSUMER_ATTRIBUTES: z
      .string()
      .default("user.id,client.id,enduser.id")
      .transform((list) =>
        list
          .split(",")
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    // A listener of its own for POST /api/v1/decisions (gateways asking on every call); unset: none.
    DECISIONS_PORT: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(65535).optional()),
    // The decision point's public origin (https://decisions.example.com), as its AuthZEN metadata
    // names it; unset, the metadata names the origin a caller's Host header gives.
    DECISIONS_URL: optionalOrigin,
    // Processes answering on DECISIONS_PORT (Node's cluster shares the port among them): one per core to spare.
    DECISIONS_WORKERS: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "at least 1").max(64, "at most 64").default(1),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "must be set together with the other OIDC_* settings" });
      }
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid settings:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function isOidcEnabled(): boolean {
  return Boolean(env().OIDC_ISSUER);
}
