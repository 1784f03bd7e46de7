// What the console asks of the OpenID provider beyond Auth.js's code exchange: its metadata, the
// ID token's signature (Auth.js checks the token's claims, not its signature, trusting the TLS
// channel; a token signed by another key or tampered with must not sign anyone in), and userinfo
// for the claims an ID token leaves out (many providers release email and groups only there).
// Every call has a timeout.
import { createRemoteJWKSet, jwtVerify } from "jose";
import { z } from "zod";
import { env } from "@/lib/server/env";

/** fetch with the sign-on timeout: a provider that hangs fails the sign-on instead of holding it open. */
export function timedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  return fetch(input, { ...init, signal: AbortSignal.timeout(env().OIDC_TIMEOUT_SECONDS * 1000) });
}

const metadataSchema = z.object({ issuer: z.string(), jwks_uri: z.url(), userinfo_endpoint: z.url().optional() });
type Metadata = z.infer<typeof metadataSchema> & { keys: ReturnType<typeof createRemoteJWKSet> };

// Metadata and keys are read once per process and kept for an hour; the key set refetches itself
// when a token names a key it does not know (a rotation at the provider).
let cached: { at: number; metadata: Metadata } | null = null;
const METADATA_TTL_MS = 60 * 60_000;

async function metadata(): Promise<Metadata> {
  if (cached && Date.now() - cached.at < METADATA_TTL_MS) return cached.metadata;
  const issuer = env().OIDC_ISSUER ?? "";
  const response = await timedFetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the provider's metadata answered ${response.status}`);
  const parsed = metadataSchema.parse(await response.json());
  if (parsed.issuer.replace(/\/$/, "") !== issuer.replace(/\/$/, "")) throw new Error(`the provider names itself ${parsed.issuer}, not ${issuer}`);
  const keys = createRemoteJWKSet(new URL(parsed.jwks_uri), { timeoutDuration: env().OIDC_TIMEOUT_SECONDS * 1000 });
  cached = { at: Date.now(), metadata: { ...parsed, keys } };
  return cached.metadata;
}

const claimsSchema = z.looseObject({
  sub: z.string().min(1),
  email: z.string().optional(),
  // Some providers send "true" as a string.
  email_verified: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).optional(),
  name: z.string().optional(),
});
export type Claims = z.infer<typeof claimsSchema>;

/** The ID token's claims once its signature, issuer and audience are verified; throws otherwise. */
export async function verifyIdToken(idToken: string): Promise<Claims & { iss: string }> {
  const { keys, issuer } = await metadata();
  const { payload } = await jwtVerify(idToken, keys, { issuer, audience: env().OIDC_CLIENT_ID });
  return { ...claimsSchema.parse(payload), iss: payload.iss ?? issuer };
}

/**
 * The person's claims: the verified ID token's, with what it leaves out (email, its verification,
 * name, groups) read from userinfo, whose subject must be the token's.
 */
export async function personClaims(idToken: string, accessToken: string | undefined, groupsClaim: string): Promise<{ claims: Claims; issuer: string }> {
  const token = await verifyIdToken(idToken);
  const missing = token.email === undefined || token.email_verified === undefined || token[groupsClaim] === undefined;
  const { userinfo_endpoint } = await metadata();
  if (!missing || !accessToken || !userinfo_endpoint) return { claims: token, issuer: token.iss };
  const response = await timedFetch(userinfo_endpoint, { headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" } });
  if (!response.ok) throw new Error(`userinfo answered ${response.status}`);
  const info = claimsSchema.parse(await response.json());
  if (info.sub !== token.sub) throw new Error("userinfo names another subject than the ID token");
  // The signed token's claims win where both have one.
  return { claims: { ...info, ...Object.fromEntries(Object.entries(token).filter(([, v]) => v !== undefined)), sub: token.sub }, issuer: token.iss };
}
