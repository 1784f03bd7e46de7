import Link from "next/link";
import { hrefWith } from "@/lib/lists/href";
import { ScrollArea } from "./scroll-area";

export function Table({ caption, children }: { caption: string; children: React.ReactNode }) {
  return (
    <ScrollArea label={caption} className="rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </ScrollArea>
  );
}

export function Th({ children, className = "" }: { children?: React.ReactNode; className?: string }) {
  return (
    <th scope="col" className={`bg-slate-50 px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase ${className}`}>
      {children}
    </th>
  );
}

export function Td({ children, className = "" }: { children?: React.ReactNode; className?: string }) {
  return <td className={`px-3 py-2 align-top ${className}`}>{children}</td>;
}

/** A column header that sorts the list by its column; a second click flips the direction. */
export function SortTh({
  path,
  current,
  column,
  children,
  defaultSort,
}: {
  path: string;
  current: Record<string, string>;
  column: string;
  children: React.ReactNode;
  defaultSort: string;
}) {
  const active = (current.sort ?? defaultSort) === column;
  const dir = current.dir === "desc" ? "desc" : "asc";
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
      className="bg-slate-50 px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase"
    >
      <Link href={hrefWith(path, current, { sort: column, dir: nextDir })} className="inline-flex items-center gap-1 hover:text-brand-700">
        {children}
        <span aria-hidden="true">{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
      </Link>
    </th>
  );
}

export function EmptyRow({ colSpan, children }: { colSpan: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-10 text-center text-slate-600">
        {children}
      </td>
    </tr>
  );
}
