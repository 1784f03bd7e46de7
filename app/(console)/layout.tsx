import Link from "next/link";
import { NAV_ITEMS } from "@/components/layout/nav-items";
import { CollapsibleNav } from "@/components/layout/collapsible-nav";
import { NavLinks } from "@/components/layout/nav-links";
import { label } from "@/components/ui/badge";
import { requireUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { signOutAction, signOutEverywhereAction } from "@/lib/server/sign-in-actions";
import { unreadCount } from "@/lib/notifications/service";
import { hasWork, myWork } from "@/lib/work/queries";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireUser();
  const items = NAV_ITEMS.filter((item) => can(ctx.roles, item.needs));
  const [unread, work] = await Promise.all([unreadCount(ctx), hasWork(ctx) ? myWork(ctx) : null]);
  const waiting = work ? work.reviewItems + work.requestSteps : 0;
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <nav aria-label="Main" className="relative bg-slate-900 p-3 text-white md:min-h-screen md:w-56 md:shrink-0">
        <Link href="/work" className="block px-3 py-1 text-lg font-semibold tracking-tight md:mb-4">
          Scopeward
        </Link>
        <CollapsibleNav waiting={waiting}>
          <NavLinks items={items.map(({ href, label }) => ({ href, label, count: href === "/work" ? waiting : undefined }))} />
          <div className="mt-6 border-t border-slate-700 px-3 pt-3 text-sm">
            <p className="font-medium" data-testid="current-user">
              {ctx.name}
            </p>
            <p className="truncate text-slate-300">{ctx.email}</p>
            <p className="mt-1 text-xs text-slate-300">{ctx.roles.map(label).join(", ") || "No console role"}</p>
            <Link href="/notifications" className="mt-2 block text-slate-100 underline">
              Notifications{unread > 0 && <span className="ml-1 rounded bg-amber-400 px-1.5 text-xs font-semibold text-slate-900">{unread} new</span>}
            </Link>
            <form action={signOutAction} className="mt-3">
              <button type="submit" className="rounded-md border border-slate-600 px-2.5 py-1 text-sm text-slate-100 hover:bg-slate-800">
                Sign out
              </button>
            </form>
            <form action={signOutEverywhereAction} className="mt-2">
              <button type="submit" className="text-xs text-slate-300 underline hover:text-white">
                Sign out everywhere
              </button>
            </form>
          </div>
        </CollapsibleNav>
      </nav>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
        {children}
      </main>
    </div>
  );
}
