// The facts behind a review item as short labelled values, so a reviewer reads "Token
// lifetime 24 h · policy 15 min" instead of finding it inside a sentence. The queue row shows
// the few that drive the recommendation; the detail pane shows them all.
import type { Policy } from "@/lib/policy/policy";
import { daysSince, formatDuration } from "@/lib/format";
import type { Snapshot } from "./schemas";

export type FactTone = "bad" | "warn" | "ok" | "info";
export type Fact = { key: string; label: string; value: string; tone: FactTone };

const BINDING = { BEARER: "Bearer", DPOP: "DPoP-bound", MTLS: "mTLS-bound" } as const;

function ago(days: number | null): string {
  if (days === null) return "never";
  return days === 0 ? "today" : `${days} d ago`;
}

export function itemFacts(s: Snapshot, policy: Policy, now: Date): Fact[] {
  const facts: Fact[] = [];
  const unusedAfter = policy.unusedAfterDays;
  const lastUse = daysSince(s.grant.lastUsedAt, now);
  const age = daysSince(s.grant.createdAt, now) ?? 0;
  const idle = age > unusedAfter && (lastUse === null || lastUse > unusedAfter);
  facts.push({ key: "lastUse", label: "Last use", value: ago(lastUse), tone: idle ? "bad" : lastUse === null ? "info" : "ok" });

  const limit = policy.maxTokenLifetime[s.consumer.kind];
  if (s.credentials.length > 0) {
    const ttls = s.credentials.map((c) => c.accessTokenTtlSeconds);
    const longest = ttls.includes(null) ? null : Math.max(...ttls.map((t) => t ?? 0));
    const over = longest === null || longest > limit;
    facts.push({
      key: "tokenLifetime",
      label: "Token lifetime",
      value: `${formatDuration(longest)} · policy ${formatDuration(limit)}`,
      tone: over ? "bad" : "ok",
    });
    const bindings = [...new Set(s.credentials.map((c) => c.senderConstraint))];
    const writes = s.scopes.some((x) => x.level !== "READ");
    const bearer = bindings.includes("BEARER");
    facts.push({
      key: "binding",
      label: "Binding",
      value: bindings.map((b) => BINDING[b]).join(", "),
      tone: bearer && writes && s.consumer.kind !== "HUMAN" ? "bad" : bearer ? "warn" : "ok",
    });
    const rotated = s.credentials.flatMap((c) => (c.rotationAgeDays === null ? [] : [c.rotationAgeDays]));
    if (rotated.length > 0) {
      const oldest = Math.max(...rotated);
      facts.push({
        key: "rotation",
        label: "Last rotation",
        value: `${oldest} d · policy ${policy.maxCredentialAgeDays} d`,
        tone: oldest > policy.maxCredentialAgeDays ? "bad" : "ok",
      });
    }
    const leaked = s.credentials.filter((c) => c.leaked);
    if (leaked.length > 0) facts.push({ key: "leaked", label: "Leaked credential", value: leaked.map((c) => c.label).join(", "), tone: "bad" });
  } else {
    facts.push({ key: "tokenLifetime", label: "Credential", value: "none live", tone: "info" });
  }

  if (s.consumer.kind === "AGENT") {
    const beyond = s.scopes.filter((x) => x.beyondBaseline).length;
    facts.push({
      key: "baseline",
      label: `Beyond ${s.consumer.comparableRole ?? "human role"}`,
      value: `${beyond} of ${s.scopes.length} scopes`,
      tone: beyond > 0 ? "bad" : "ok",
    });
  }
  const unused = s.scopes.filter((x) => {
    const d = daysSince(x.lastUsedAt, now);
    return age > unusedAfter && (d === null || d > unusedAfter);
  }).length;
  if (unused > 0) facts.push({ key: "unusedScopes", label: "Unused scopes", value: `${unused} of ${s.scopes.length}`, tone: "bad" });
  facts.push({
    key: "owner",
    label: "Owner",
    value: s.consumer.ownerName ? `${s.consumer.ownerName}${s.consumer.ownerActive ? "" : " (inactive)"}` : "none",
    tone: s.consumer.ownerId && s.consumer.ownerActive ? "ok" : "bad",
  });
  return facts;
}

// Which facts a reviewer needs to see first when several are bad.
const PRIORITY = ["leaked", "lastUse", "unusedScopes", "baseline", "tokenLifetime", "binding", "owner", "rotation"];

/** The facts a queue row shows: bad before doubtful, the weightiest first, at most `limit`. */
export function drivingFacts(facts: Fact[], limit = 3): Fact[] {
  const weight: Record<FactTone, number> = { bad: 0, warn: 1, info: 2, ok: 3 };
  return facts
    .filter((f) => f.tone === "bad" || f.tone === "warn")
    .toSorted((a, b) => weight[a.tone] - weight[b.tone] || PRIORITY.indexOf(a.key) - PRIORITY.indexOf(b.key))
    .slice(0, limit);
}
