import Link from "next/link";
import { hrefWith } from "@/lib/lists/href";
import { PAGE_SIZES } from "@/lib/lists/params";

export function Pagination({
  path,
  current,
  page,
  pageSize,
  total,
  noun,
}: {
  path: string;
  current: Record<string, string>;
  page: number;
  pageSize: number;
  total: number;
  noun: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = "rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-100";
  const disabled = "rounded-md border border-slate-200 px-2.5 py-1 text-slate-500";
  return (
    <nav aria-label="Pagination" className="no-print mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p aria-live="polite">
        {total === 0 ? `No ${noun}` : `${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${total.toLocaleString("en")} ${noun}`}
      </p>
      <div className="flex items-center gap-2">
        <span>Per page:</span>
        {PAGE_SIZES.map((size) =>
          size === pageSize ? (
            <span key={size} aria-current="true" className="font-semibold">
              {size}
            </span>
          ) : (
            <Link key={size} href={hrefWith(path, current, { pageSize: size })} className="text-brand-700 underline">
              {size}
            </Link>
          ),
        )}
        {page > 1 ? (
          <Link href={hrefWith(path, current, { page: page - 1 })} className={link} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className={disabled}>← Previous</span>
        )}
        <span>
          Page {page} of {pages.toLocaleString("en")}
        </span>
        {page < pages ? (
          <Link href={hrefWith(path, current, { page: page + 1 })} className={link} rel="next">
            Next →
          </Link>
        ) : (
          <span className={disabled}>Next →</span>
        )}
      </div>
    </nav>
  );
}
