// A figure's daily history as a small line, drawn on the server: no chart bundle for a
// glance. The words beside it (first and last value) carry the same facts for everyone.
export function Sparkline({ points, label, colour = "currentColor" }: { points: number[]; label: string; colour?: string }) {
  if (points.length < 2) return null;
  const width = 120;
  const height = 32;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min || 1;
  const path = points
    .map((p, i) => `${((i / (points.length - 1)) * width).toFixed(1)},${(height - 2 - ((p - min) / span) * (height - 4)).toFixed(1)}`)
    .join(" ");
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label} className="overflow-visible">
      <polyline points={path} fill="none" stroke={colour} strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
