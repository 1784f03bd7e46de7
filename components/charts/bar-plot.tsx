"use client";
// The drawn part of a chart card: recharts, loaded apart from the page's own script.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Series = { key: string; name: string; colour: string };
export type ChartRow = Record<string, string | number>;

export function BarPlot({
  data,
  category,
  series,
  stacked,
  vertical,
}: {
  data: ChartRow[];
  category: string;
  series: Series[];
  stacked: boolean;
  vertical: boolean;
}) {
  return (
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
  );
}
