// Auth.js: email + password for the embedded default and the demo, and any OpenID
// Connect provider when OIDC_* is set. Sessions are signed JWTs that expire and name a
// server-side session row; the user and that row are re-read on every request (session.ts), so
// deactivation, signing out and ending all sessions take effect at once.
import bcrypt from "bcryptjs";
import NextAuth, { customFetch, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { recordSignIn } from "@/lib/sign-in/commands/record-sign-in";
import { recordSignInFailure } from "@/lib/sign-in/commands/record-sign-in-failure";
import { recordSignOut } from "@/lib/sign-in/commands/record-sign-out";
import { contextFor, systemCtx, type Ctx } from "./authz";
import { runCommand } from "./command";
import { db } from "./db";
import { env, isOidcEnabled } from "./env";
import { logger } from "./logger";
import { timedFetch } from "@/lib/sign-in/identity-provider";
import { signOnWithSso } from "@/lib/sign-in/sso";
import { safeRedirectUrl } from "@/lib/sign-in/redirect";
import { isExpectedSignInFailure } from "@/lib/sign-in/expected-failure";
import { clearFailures, clientAddress, isThrottled, recordFailure } from "./sign-in-throttle";

const SESSION_HOURS = 8;

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(200),
});

// Compared against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = "$2b$10$zdOscnOa2Iv7lAAtfaAreOkWSi48N.dsrOKRYlYAcxmK2DpllZgga";

/** The person signing in or out, as the commands that record it need them. */
async function sessionCtx(userId: string): Promise<Ctx> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, email: true, roles: { select: { role: true } } } });
  return contextFor(user);
}

async function authorizeWithPassword(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const address = clientAddress(request.headers);
  if (await isThrottled(email, address)) return null;
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, active: true, passwordHash: true },
  });
  const ok = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.active || !user.passwordHash || !ok) {
    const locks = await recordFailure(email, address);
    await runCommand(recordSignInFailure, systemCtx("sign-in"), { email, address, locks });
    return null;
  }
  await clearFailures(email, address);
  const { sessionId } = await runCommand(recordSignIn, await sessionCtx(user.id), { method: "password" });
  return { id: user.id, name: user.name, email: user.email, sid: sessionId };
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeWithPassword,
    }),
  ];
  if (isOidcEnabled()) {
    const settings = env();
    const extra = settings.OIDC_SCOPES.split(/[\s,]+/).filter(Boolean);
    list.push({
      id: "oidc",
      name: "Single sign-on",
      type: "oidc",
      issuer: settings.OIDC_ISSUER,
      clientId: settings.OIDC_CLIENT_ID,
      clientSecret: settings.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: [...new Set(["openid", "email", "profile", ...extra])].join(" ") } },
      // PKCE and state against a stolen or injected code, a nonce against a replayed ID token.
      checks: ["pkce", "state", "nonce"],
      // Every call to the provider has a timeout: a provider that hangs fails the sign-on with a message.
      [customFetch]: timedFetch,
    });
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const appUrl = env().APP_URL;
  // With a public origin set, Auth.js builds its own addresses from it, never from a forwarded
  // host header a client could forge.
  if (appUrl && !process.env.AUTH_URL) process.env.AUTH_URL = appUrl;
  return config(appUrl);
});

function config(appUrl: string | undefined): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: "/login", error: "/login" },
    // A wrong password is an expected outcome, not an error with a stack trace; it is throttled and
    // answered with one generic message. Never log credentials or tokens.
    logger: {
      error(error) {
        if (isExpectedSignInFailure(error)) return;
        const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
        const cause =
          error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : error.cause === undefined ? undefined : JSON.stringify(error.cause);
        logger.error("auth error", { type, message: error.message, cause });
      },
      warn(code) {
        logger.warn("auth warning", { code });
      },
      debug() {},
    },
    providers: providers(),
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        const userId = typeof token?.uid === "string" ? token.uid : null;
        const sessionId = typeof token?.sid === "string" ? token.sid : undefined;
        if (userId && (await db.user.count({ where: { id: userId } }))) await runCommand(recordSignOut, await sessionCtx(userId), { sessionId });
      },
    },
    callbacks: {
      // Redirects stay on the console: a same-origin path or address, anything else the landing page.
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, appUrl ?? new URL(baseUrl).origin);
      },
      async signIn({ account }) {
        if (account?.provider !== "oidc") return true;
        const outcome = await signOnWithSso({ id_token: account.id_token, access_token: account.access_token });
        // A refusal the person can act on: the sign-in page says which.
        if (!outcome.ok) return `/login?error=sso&reason=${outcome.reason}`;
        // Carried to the jwt callback: the console's own user id, not the provider's subject.
        account.scopewardUserId = outcome.userId;
        account.scopewardSessionId = outcome.sessionId;
        return true;
      },
      // At sign-in the token takes the person and the server-side session it stands for; the
      // session is checked at every request (session.ts), so ending it ends the cookie.
      async jwt({ token, user, account }) {
        if (account?.provider === "oidc" && typeof account.scopewardUserId === "string") {
          token.uid = account.scopewardUserId;
          token.sid = typeof account.scopewardSessionId === "string" ? account.scopewardSessionId : undefined;
        } else if (user?.id) {
          token.uid = user.id;
          token.sid = "sid" in user && typeof user.sid === "string" ? user.sid : undefined;
        }
        return token;
      },
      async session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        if (typeof token.sid === "string") session.sid = token.sid;
        return session;
      },
    },
  };
}
