"use server";
import { AuthError } from "next-auth";
import { signIn, signOut } from "./auth";

export type SignInState = { error?: string } | null;

// One message for every failure (unknown email, wrong password, deactivated, throttled),
// so the form never tells an attacker which of them it was.
const GENERIC = "Email or password is incorrect, or sign-in is paused for this account. Try again later.";

export async function signInWithPasswordAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const next = String(form.get("next") ?? "");
  try {
    await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      // Only same-site paths: an open redirect would make the login page a phishing aid.
      redirectTo: next.startsWith("/") && !next.startsWith("//") ? next : "/dashboard",
    });
    return null;
  } catch (error) {
    if (error instanceof AuthError) return { error: GENERIC };
    throw error; // the redirect after a successful sign-in
  }
}

export async function signInWithSsoAction() {
  await signIn("oidc", { redirectTo: "/dashboard" });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
