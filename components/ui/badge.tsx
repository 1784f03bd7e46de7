type Tone = "slate" | "green" | "amber" | "red" | "blue" | "violet";

const tones: Record<Tone, string> = {
  slate: "bg-slate-100 text-slate-800 ring-slate-300",
  green: "bg-green-50 text-green-800 ring-green-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-800 ring-red-300",
  blue: "bg-blue-50 text-blue-800 ring-blue-300",
  violet: "bg-violet-50 text-violet-800 ring-violet-300",
};

export function Badge({ tone = "slate", children }: { tone?: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

// One colour per value of the closed sets the console shows most.
const TONE_OF: Record<string, Tone> = {
  ACTIVE: "green",
  APPROVED: "green",
  PENDING: "amber",
  SUSPENDED: "amber",
  EXPIRED: "slate",
  REVOKED: "red",
  DECOMMISSIONED: "slate",
  DENIED: "red",
  READ: "blue",
  WRITE: "amber",
  ADMIN: "red",
  PRODUCTION: "violet",
  STAGING: "slate",
  DEVELOPMENT: "slate",
  RESTRICTED: "red",
  CONFIDENTIAL: "amber",
  INTERNAL: "slate",
  PUBLIC: "blue",
  PARTNER: "blue",
  AGENT: "violet",
  SERVICE: "slate",
  HUMAN: "green",
  RETIRED: "slate",
  DEPRECATED: "amber",
  EXPERIMENTAL: "blue",
  BEARER: "amber",
  DPOP: "green",
  MTLS: "green",
};

export function ValueBadge({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="text-slate-500">—</span>;
  return <Badge tone={TONE_OF[value] ?? "slate"}>{label(value)}</Badge>;
}

/** "HUMAN_IN_THE_LOOP" → "Human in the loop". */
export function label(value: string) {
  const words = value.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
