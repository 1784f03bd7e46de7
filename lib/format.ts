// Display formatting shared by pages and CSV exports. Dates are shown in UTC so that
// what a reviewer reads matches the evidence an auditor exports.

export function formatDate(date: Date | string | null | undefined): string {
  if (!date) return "—";
  return new Date(date).toISOString().slice(0, 10);
}

export function formatDateTime(date: Date | string | null | undefined): string {
  if (!date) return "—";
  return new Date(date).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

/** 900 → "15 min", 28800 → "8 h", 604800 → "7 d". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return "never expires";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds <= 86400) return `${+(seconds / 3600).toFixed(1)} h`;
  return `${+(seconds / 86400).toFixed(1)} d`;
}

export function daysSince(date: Date | string | null | undefined, now = new Date()): number | null {
  if (!date) return null;
  return Math.floor((now.getTime() - new Date(date).getTime()) / 86_400_000);
}

/**
 * A count with its noun in the right number: "1 item", "3 items", "1 policy", "2 policies".
 * `many` for nouns that do not just take an "s".
 */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}
