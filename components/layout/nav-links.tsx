"use client";
import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ items }: { items: { href: string; label: string; count?: number }[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1 md:flex-col">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={`block rounded-md px-3 py-1.5 text-sm ${current ? "bg-brand-700 font-medium text-white" : "text-slate-200 hover:bg-slate-800"}`}
            >
              {item.label}
              <Pending />
              {item.count ? (
                <>
                  <span aria-hidden="true" className="ml-1.5 rounded bg-amber-400 px-1.5 text-xs font-semibold text-slate-900">
                    {item.count}
                  </span>
                  <span className="sr-only">, {item.count} waiting</span>
                </>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * While the page a link leads to is being fetched, the link says so. Pages are sent whole (no
 * loading skeleton streamed first: it made a phone paint the content late), so this is the
 * sign that a click was taken.
 */
function Pending() {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span role="status" className="ml-1.5 inline-block size-2 animate-pulse rounded-full bg-amber-300 align-middle">
      <span className="sr-only">Loading…</span>
    </span>
  );
}
