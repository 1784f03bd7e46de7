// A sign-on through the identity provider, as Auth.js hands it over after the code exchange:
// the ID token verified, the person's claims read (userinfo filling the gaps), their groups
// mapped to roles, and the ssoSignOn command deciding who signs in. Failures come back as a
// reason the sign-in page explains; the server log and the audit log name the cause.
import { z } from "zod";
import { systemCtx } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { recordSsoFailure } from "./commands/record-sso-failure";
import { ssoSignOn } from "./commands/sso-sign-on";
import { personClaims } from "./identity-provider";
import type { SsoRefusal } from "./refusals";
import { rolesFromGroups } from "./roles-from-groups";

export type SsoOutcome = { ok: true; userId: string; sessionId: string } | { ok: false; reason: SsoRefusal };

const SSO = systemCtx("single sign-on");

/** A network failure, a timeout or an error status from the provider, rather than an answer that does not verify. */
function unreachable(error: unknown) {
  if (!(error instanceof Error)) return false;
  return (
    error.name === "TimeoutError" ||
    error.name === "AbortError" ||
    error.message === "fetch failed" ||
    /answered \d{3}/.test(error.message) ||
    error.name === "JWKSTimeout"
  );
}

export async function signOnWithSso(account: { id_token?: string; access_token?: string }): Promise<SsoOutcome> {
  const settings = env();
  let verified: Awaited<ReturnType<typeof personClaims>>;
  try {
    if (!account.id_token) throw new Error("the provider sent no ID token");
    verified = await personClaims(account.id_token, account.access_token, settings.OIDC_GROUPS_CLAIM);
  } catch (error) {
    const reason = unreachable(error) ? "unreachable" : "token-invalid";
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    logger.warn("single sign-on failed", { reason, cause });
    await runCommand(recordSsoFailure, SSO, { reason, cause: cause.slice(0, 500) });
    return { ok: false, reason };
  }
  const { claims, issuer } = verified;
  const email = z.email().safeParse(claims.email).data;
  const outcome = await runCommand(ssoSignOn, SSO, {
    issuer,
    subject: claims.sub,
    email,
    emailVerified: claims.email_verified === true,
    name: claims.name,
    roles: rolesFromGroups(claims[settings.OIDC_GROUPS_CLAIM], settings.OIDC_ROLE_MAP),
    linkByEmail: settings.OIDC_LINK_BY_EMAIL,
    unmapped: settings.OIDC_UNMAPPED_USERS,
  });
  if (!outcome.ok) logger.info("single sign-on refused", { reason: outcome.reason, subject: claims.sub });
  return outcome;
}
