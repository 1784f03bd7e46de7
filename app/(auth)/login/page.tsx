import type { Metadata } from "next";
import { isOidcEnabled } from "@/lib/server/env";
import { signInWithSsoAction } from "@/lib/server/sign-in-actions";
import { isSsoRefusal, SSO_REFUSALS } from "@/lib/sign-in/refusals";
import { buttonClass } from "@/components/ui/button";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** What went wrong with a single sign-on, in words a person can act on (Auth.js's error codes, or the console's own reasons). */
function signOnProblem(error: string | undefined, reason: string | undefined): string | null {
  if (error === "sso") return isSsoRefusal(reason) ? SSO_REFUSALS[reason] : SSO_REFUSALS.unreachable;
  if (error === "OAuthCallbackError" || error === "AccessDenied") return SSO_REFUSALS.cancelled;
  if (error === "Configuration" || error === "OAuthSignin" || error === "Callback") return SSO_REFUSALS.unreachable;
  return null;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { next, error, reason } = await searchParams;
  const problem = signOnProblem(error, reason);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Scopeward</p>
        <h1 className="mt-1 text-2xl font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">API-access governance for your organisation.</p>
        {problem && (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {problem}
          </p>
        )}
        <LoginForm next={next ?? ""} />
        {isOidcEnabled() && (
          <form action={signInWithSsoAction} className="mt-4 border-t border-slate-200 pt-4">
            <input type="hidden" name="next" value={next ?? ""} />
            <button type="submit" className={buttonClass("secondary", "w-full")}>
              Sign in with single sign-on
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
