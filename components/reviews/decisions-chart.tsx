"use client";
import { ChartCard } from "@/components/charts/chart-card";

/** Decisions per stage as bars, with a table view for screen readers and print. */
export function DecisionsChart({ data }: { data: { stage: string; APPROVE: number; REVOKE: number; REDUCE: number; UNDECIDED: number }[] }) {
  return (
    <ChartCard
      title="Decisions by stage"
      data={data}
      category="stage"
      vertical
      stacked
      height={224}
      series={[
        { key: "APPROVE", name: "approve", colour: "#15803d" },
        { key: "REDUCE", name: "reduce", colour: "#b45309" },
        { key: "REVOKE", name: "revoke", colour: "#b91c1c" },
        { key: "UNDECIDED", name: "undecided", colour: "#64748b" },
      ]}
    />
  );
}
