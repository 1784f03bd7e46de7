import Link from "next/link";
import { hrefWith } from "@/lib/lists/href";
import { PAGE_SIZES } from "@/lib/lists/params";

const link = "rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-100";
const disabled = "rounded-md border border-slate-200 px-2.5 py-1 text-slate-500";

/** How many rows the list holds; past 10,000 the database's estimate, said to be one. */
function countText(total: number, noun: string, estimated: boolean) {
  return estimated ? `about ${total.toLocaleString("en")} ${noun} (estimated)` : `${total.toLocaleString("en")} ${noun}`;
}

function PageSizes({ path, current, pageSize }: { path: string; current: Record<string, string>; pageSize: number }) {
  return (
    <>
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
    </>
  );
}

function Step({ href, rel, children }: { href?: string; rel: "prev" | "next" | "first"; children: string }) {
  return href ? (
    <Link href={href} className={link} rel={rel === "first" ? undefined : rel}>
      {children}
    </Link>
  ) : (
    <span className={disabled}>{children}</span>
  );
}

export function Pagination({
  path,
  current,
  page,
  pageSize,
  total,
  noun,
  estimated = false,
}: {
  path: string;
  current: Record<string, string>;
  page: number;
  pageSize: number;
  total: number;
  noun: string;
  estimated?: boolean;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pagination" className="no-print mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p aria-live="polite">
        {total === 0 ? `No ${noun}` : `${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${countText(total, noun, estimated)}`}
      </p>
      <div className="flex items-center gap-2">
        <PageSizes path={path} current={current} pageSize={pageSize} />
        <Step href={page > 1 ? hrefWith(path, current, { page: page - 1 }) : undefined} rel="prev">
          ← Previous
        </Step>
        <span>
          Page {page} of {estimated ? "about " : ""}
          {pages.toLocaleString("en")}
        </span>
        <Step href={page < pages ? hrefWith(path, current, { page: page + 1 }) : undefined} rel="next">
          Next →
        </Step>
      </div>
    </nav>
  );
}

/**
 * Pages that continue from a row instead of a page number (keyset): first, previous and next,
 * each a link carrying the cursor of the row it continues from.
 */
export function KeysetPagination({
  path,
  current,
  shown,
  pageSize,
  total,
  estimated,
  previous,
  next,
  noun,
}: {
  path: string;
  current: Record<string, string>;
  shown: number;
  pageSize: number;
  total: number;
  estimated: boolean;
  previous?: string;
  next?: string;
  noun: string;
}) {
  return (
    <nav aria-label="Pagination" className="no-print mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p aria-live="polite">{total === 0 ? `No ${noun}` : `${shown.toLocaleString("en")} shown of ${countText(total, noun, estimated)}`}</p>
      <div className="flex items-center gap-2">
        <PageSizes path={path} current={current} pageSize={pageSize} />
        <Step href={previous ? hrefWith(path, current, { after: null, before: null }) : undefined} rel="first">
          « First
        </Step>
        <Step href={previous ? hrefWith(path, current, { after: null, before: previous }) : undefined} rel="prev">
          ← Previous
        </Step>
        <Step href={next ? hrefWith(path, current, { before: null, after: next }) : undefined} rel="next">
          Next →
        </Step>
      </div>
    </nav>
  );
}
