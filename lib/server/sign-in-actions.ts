"use server";
import { AuthError } from "next-auth";
import { endSessions } from "@/lib/sign-in/commands/end-sessions";
import { safeRedirectPath } from "@/lib/sign-in/redirect";
import { signIn, signOut } from "./auth";
import { runCommand } from "./command";
import { requireSession } from "./session";

export type SignInState = { error?: string } | null;

// One message for every failure (unknown email, wrong password, deactivated, throttled),
// so the form never tells an attacker which of them it was.
const GENERIC = "Email or password is incorrect, or sign-in is paused for this account. Try again later.";

/** Only same-site paths: an open redirect would make the login page a phishing aid. */
function deepLink(form: FormData) {
  return safeRedirectPath(form instanceof FormData ? form.get("next") : null);
}

export async function signInWithPasswordAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  // Whatever a caller sends in place of the form is a failed sign-in, never a server error.
  if (!(form instanceof FormData)) return { error: GENERIC };
  try {
    await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirectTo: deepLink(form),
    });
    return null;
  } catch (error) {
    if (error instanceof AuthError) return { error: GENERIC };
    throw error; // the redirect after a successful sign-in
  }
}

/** Single sign-on keeps the page the person was going to through the round trip to the provider. */
export async function signInWithSsoAction(form: FormData) {
  await signIn("oidc", { redirectTo: deepLink(form) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}

/** Ends every session of the caller (other browsers included), then this one. */
export async function signOutEverywhereAction() {
  const ctx = await requireSession();
  await runCommand(endSessions, ctx, { userId: ctx.userId });
  await signOut({ redirectTo: "/login" });
}
