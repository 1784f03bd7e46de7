// One headline figure of the overview: its value against a target, the status in colour and
// in words, the change over 30 days, its trend line and, where there is one, an outside
// reference drawn on the same scale.
import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { STATUS_WORDS, statusOf, type Target } from "@/lib/dashboard/targets";

const STATUS_STYLE = {
  ON_TARGET: { border: "border-l-green-600", text: "text-green-800", line: "#15803d" },
  NEAR: { border: "border-l-amber-500", text: "text-amber-900", line: "#b45309" },
  OFF_TARGET: { border: "border-l-red-600", text: "text-red-800", line: "#b91c1c" },
} as const;

const format = (n: number, unit: string) => `${n.toLocaleString("en")}${unit}`;

export function Headline({
  title,
  value,
  unit = "",
  target,
  change,
  trend,
  href,
  detail,
  reference,
}: {
  title: string;
  value: number;
  unit?: string;
  target: Target;
  change: number | null;
  trend: number[];
  href: string;
  detail?: string;
  reference?: { value: number; label: string };
}) {
  const status = statusOf(value, target);
  const style = STATUS_STYLE[status];
  const better = change !== null && change !== 0 && change < 0 === target.lowerIsBetter;
  return (
    <Link
      href={href}
      data-status={status}
      className={`block h-full rounded-lg border border-l-4 border-slate-200 bg-white p-4 hover:border-brand-600 ${style.border}`}
    >
      <p className="text-sm font-medium text-slate-800">{title}</p>
      <div className="mt-1 flex items-end justify-between gap-2">
        <p className="text-3xl font-semibold text-slate-900 tabular-nums">{format(value, unit)}</p>
        <Sparkline
          points={trend}
          colour={style.line}
          label={trend.length > 1 ? `${title}: from ${format(trend[0] ?? 0, unit)} to ${format(trend.at(-1) ?? 0, unit)} over ${trend.length} days` : title}
        />
      </div>
      <p className={`mt-1 text-sm font-medium ${style.text}`}>
        {STATUS_WORDS[status]} · target {target.lowerIsBetter ? "≤" : "≥"} {format(target.target, unit)}
      </p>
      {reference && (
        <div className="mt-2" aria-hidden="true">
          <div className="relative h-2 rounded bg-slate-100">
            <div
              className={`absolute inset-y-0 left-0 rounded ${status === "ON_TARGET" ? "bg-green-600" : status === "NEAR" ? "bg-amber-500" : "bg-red-600"}`}
              style={{ width: `${Math.min(100, value)}%` }}
            />
            <div className="absolute -inset-y-1 w-0.5 bg-slate-900" style={{ left: `${Math.min(100, reference.value)}%` }} />
          </div>
        </div>
      )}
      {reference && (
        <p className="mt-1 text-xs text-slate-700">
          {reference.label}: {format(reference.value, unit)} ({value > reference.value ? "we are above it" : "we are at or below it"})
        </p>
      )}
      {detail && <p className="mt-1 text-xs text-slate-700">{detail}</p>}
      <p className={`mt-1 text-xs ${change === null || change === 0 ? "text-slate-700" : better ? "text-green-800" : "text-red-800"}`}>
        {change === null
          ? "No figure from 30 days ago yet"
          : change === 0
            ? "No change over 30 days"
            : `${change > 0 ? "+" : "−"}${format(Math.abs(Math.round(change * 10) / 10), unit)} over 30 days`}
      </p>
    </Link>
  );
}
