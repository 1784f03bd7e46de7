// A determinate progress bar (or an indeterminate sliver when the share is unknown), named for
// screen readers, with what is happening as its value text.
export function ProgressBar({ label, percent, phase }: { label: string; percent: number | null; phase: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={phase}
      className="h-2 overflow-hidden rounded-full bg-slate-200"
    >
      <div className="h-full bg-slate-800 transition-[width]" style={{ width: `${percent ?? 5}%` }} />
    </div>
  );
}
