import type { Metadata } from "next";
import { isOidcEnabled } from "@/lib/server/env";
import { signInWithSsoAction } from "@/lib/server/sign-in-actions";
import { buttonClass } from "@/components/ui/button";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { next } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Scopeward</p>
        <h1 className="mt-1 text-2xl font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">API-access governance for your organisation.</p>
        <LoginForm next={next ?? ""} />
        {isOidcEnabled() && (
          <form action={signInWithSsoAction} className="mt-4 border-t border-slate-200 pt-4">
            <button type="submit" className={buttonClass("secondary", "w-full")}>
              Sign in with single sign-on
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
