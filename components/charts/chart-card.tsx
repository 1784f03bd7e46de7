"use client";
// A bar chart with a title and legend, and the same numbers as a table for screen readers,
// for print, and for anyone who would rather read figures than bars.
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Series = { key: string; name: string; colour: string };
export type ChartRow = Record<string, string | number>;

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
          <div className={asTable ? "hidden" : "print:hidden"} style={{ height }} aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={data} layout={vertical ? "vertical" : "horizontal"} margin={{ left: vertical ? 24 : 0, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                {vertical ? (
                  <>
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey={category} width={140} tick={{ fontSize: 12 }} />
                  </>
                ) : (
                  <>
                    <XAxis dataKey={category} tick={{ fontSize: 12 }} />
                    <YAxis allowDecimals={false} />
                  </>
                )}
                <Tooltip />
                <Legend />
                {series.map((s) => (
                  <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.colour} stackId={stacked ? "stack" : undefined} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          {/* Hidden by its wrapper: a table ignores the 1 px width of sr-only and widened the page. */}
          <div className={asTable ? "overflow-x-auto" : "sr-only print:not-sr-only"}>
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
          </div>
        </>
      )}
    </figure>
  );
}
