// Why a sign-on did not sign the person in, and what the sign-in page tells them: each reason a
// person can act on. Client-safe (the sign-in page reads it).
export const SSO_REFUSALS = {
  "linked-elsewhere":
    "This email belongs to a console user who signs on with another identity at your provider. Ask an administrator to check which account is yours.",
  "email-unverified":
    "Your identity provider has not verified your email address, so the console cannot tell that it is yours. Verify it at your provider, then sign on again.",
  "linking-off":
    "A console user with your email exists but is not linked to single sign-on, and linking by email is turned off. Ask an administrator to link your account.",
  "no-email": "Your identity provider did not send an email address. Ask its administrators to release the email claim to Scopeward.",
  deactivated: "Your console account is deactivated. Ask an administrator if you need it back.",
  "no-role":
    "You signed on, but none of your groups at the identity provider gives a console role. Ask an administrator, or the team that runs your identity provider, to add you to a group mapped to a role.",
  "token-invalid": "The identity provider's answer could not be verified, so nobody was signed in. Tell your administrator: the server log names the cause.",
  unreachable:
    "The identity provider did not answer in time or answered with an error. Try again in a moment; if it keeps failing, tell your administrator: the server log names the cause.",
  cancelled: "The identity provider did not sign you in: the sign-on was cancelled or refused there.",
} as const;

export type SsoRefusal = keyof typeof SSO_REFUSALS;

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return typeof value === "string" && value in SSO_REFUSALS;
}
