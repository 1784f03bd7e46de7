"use client";
import Link from "next/link";
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
