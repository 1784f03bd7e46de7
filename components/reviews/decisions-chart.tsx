"use client";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const COLOURS: Record<string, string> = { APPROVE: "#15803d", REVOKE: "#b91c1c", REDUCE: "#b45309", REASSIGN: "#6d28d9", UNDECIDED: "#64748b" };

/** Decisions per stage as bars, with a table view for screen readers and print. */
export function DecisionsChart({ data }: { data: { stage: string; APPROVE: number; REVOKE: number; REDUCE: number; UNDECIDED: number }[] }) {
  const [asTable, setAsTable] = useState(false);
  const keys = ["APPROVE", "REDUCE", "REVOKE", "UNDECIDED"] as const;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 flex items-center justify-between">
        <span className="font-medium">Decisions by stage</span>
        <button type="button" onClick={() => setAsTable(!asTable)} className="text-sm text-brand-700 underline" aria-pressed={asTable}>
          {asTable ? "Show as chart" : "Show as table"}
        </button>
      </figcaption>
      {asTable ? (
        <table className="text-sm">
          <thead>
            <tr>
              <th scope="col" className="pr-4 text-left">Stage</th>
              {keys.map((k) => <th key={k} scope="col" className="pr-4 text-right">{k.toLowerCase()}</th>)}
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.stage}>
                <th scope="row" className="pr-4 text-left font-normal">{row.stage}</th>
                {keys.map((k) => <td key={k} className="pr-4 text-right tabular-nums">{row[k]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="h-56" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout="vertical" margin={{ left: 20 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="stage" width={70} />
              <Tooltip />
              <Legend />
              {keys.map((k) => <Bar key={k} dataKey={k} name={k.toLowerCase()} stackId="d" fill={COLOURS[k]} isAnimationActive={false} />)}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
