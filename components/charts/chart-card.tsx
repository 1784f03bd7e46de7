"use client";
// A bar chart with a title and legend, and the same numbers as a table for screen readers,
// for print, and for anyone who would rather read figures than bars.
//
// The plot (recharts, the heaviest script of the console) is fetched and drawn only once the
// chart comes near the screen: a dashboard's first paint and input stay quick on a phone, and
// a chart below the fold costs nothing until it is scrolled to. The table is there at once.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { ScrollArea } from "@/components/ui/scroll-area";
import type { ChartRow, Series } from "./bar-plot";

export type { ChartRow, Series } from "./bar-plot";

const BarPlot = dynamic(() => import("./bar-plot").then((m) => m.BarPlot), { ssr: false });

/** True once the element has come into the viewport, and from then on. */
function useSeen<E extends Element>() {
  const frame = useRef<E>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = frame.current;
    if (!element || seen) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true), { rootMargin: "0px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen]);
  return { frame, seen };
}

export function ChartCard({
  title,
  description,
  data,
  category,
  series,
  stacked = false,
  vertical = false,
  height = 260,
  empty = "Nothing to show for these filters.",
}: {
  title: string;
  description?: string;
  data: ChartRow[];
  category: string;
  series: Series[];
  stacked?: boolean;
  vertical?: boolean;
  height?: number;
  empty?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const { frame, seen } = useSeen<HTMLDivElement>();
  const table = (
    <table className="w-full text-sm">
      <caption className="sr-only">{title}</caption>
      <thead>
        <tr>
          <th scope="col" className="pr-4 text-left">
            {category === "label" ? "" : category}
          </th>
          {series.map((s) => (
            <th key={s.key} scope="col" className="pr-4 text-right">
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.map((row) => (
          <tr key={String(row[category])} className="border-t border-slate-100">
            <th scope="row" className="pr-4 text-left font-normal">
              {row[category]}
            </th>
            {series.map((s) => (
              <td key={s.key} className="pr-4 text-right tabular-nums">
                {Number(row[s.key] ?? 0).toLocaleString("en")}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  const hasData = data.some((row) => series.some((s) => Number(row[s.key]) > 0));
  return (
    <figure className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 flex items-start justify-between gap-3">
        <span>
          <span className="block font-medium text-slate-900">{title}</span>
          {description && <span className="block text-sm text-slate-600">{description}</span>}
        </span>
        {hasData && (
          <button type="button" onClick={() => setAsTable(!asTable)} className="no-print shrink-0 text-sm text-brand-700 underline" aria-pressed={asTable}>
            {asTable ? "Show as chart" : "Show as table"}
          </button>
        )}
      </figcaption>
      {!hasData ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <>
          <div ref={frame} className={asTable ? "hidden" : "print:hidden"} style={{ height }} aria-hidden="true">
            {seen && <BarPlot data={data} category={category} series={series} stacked={stacked} vertical={vertical} />}
          </div>
          {/* Hidden by its wrapper: a table ignores the 1 px width of sr-only and widened the page. */}
          {asTable ? <ScrollArea label={title}>{table}</ScrollArea> : <div className="sr-only print:not-sr-only">{table}</div>}
        </>
      )}
    </figure>
  );
}
