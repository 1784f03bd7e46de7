// The recommendation for one review item, from its frozen snapshot alone: approve,
// revoke, or reduce to the scopes in use, with every reason in words, and a risk score.
// Pure, so the reviewer's screen, the evidence report and the tests all agree.
import type { Policy } from "@/lib/policy/policy";
import { formatDuration, counted } from "@/lib/format";
import type { Snapshot } from "./schemas";

export type Recommendation = {
  recommendation: "APPROVE" | "REVOKE" | "REDUCE";
  reasons: string[];
  /** For REDUCE: the scopes the recommendation keeps. */
  keepScopeIds: string[];
  riskScore: number;
  isHighRisk: boolean;
};

const DAY = 86_400_000;

// Date.parse gives the time without a Date object: a launch judges every scope of 100,000 grants.
function daysSince(iso: string | null, now: Date): number | null {
  return iso ? Math.floor((now.getTime() - Date.parse(iso)) / DAY) : null;
}

export function recommend(s: Snapshot, policy: Policy, now: Date): Recommendation {
  const reasons: string[] = [];
  let risk = 0;
  const unusedAfter = policy.unusedAfterDays;
  const grantAge = daysSince(s.grant.createdAt, now) ?? 0;
  const lastUsed = daysSince(s.grant.lastUsedAt, now);

  // ── risk: what this access could do, and how it is protected ──
  const levels = new Set(s.scopes.map((x) => x.level));
  if (levels.has("ADMIN")) {
    risk += 30;
    reasons.push("Holds an ADMIN scope.");
  } else if (levels.has("WRITE")) {
    risk += 15;
  }
  if (s.api.classification === "RESTRICTED") risk += 20;
  else if (s.api.classification === "CONFIDENTIAL") risk += 10;
  const writes = levels.has("WRITE") || levels.has("ADMIN");
  const bearer = s.credentials.find((c) => c.senderConstraint === "BEARER");
  if (writes && bearer && s.consumer.kind !== "HUMAN") {
    risk += 15;
    reasons.push(`Write access through a bearer credential (${bearer.label}) that is not sender-constrained.`);
  }
  const limit = policy.maxTokenLifetime[s.consumer.kind];
  const longest = Math.max(0, ...s.credentials.map((c) => c.accessTokenTtlSeconds ?? Number.POSITIVE_INFINITY));
  if (s.credentials.length > 0 && longest > limit) {
    risk += 10;
    reasons.push(`Access tokens live ${formatDuration(Number.isFinite(longest) ? longest : null)}; policy for ${s.consumer.kind} is ${formatDuration(limit)}.`);
  }
  const leaked = s.credentials.find((c) => c.leaked);
  if (leaked) {
    risk += 40;
    reasons.push(`Credential ${leaked.label} was reported leaked and is still valid.`);
  }
  const stale = s.credentials.find((c) => c.rotationAgeDays !== null && c.rotationAgeDays > policy.maxCredentialAgeDays);
  if (stale) {
    risk += 5;
    reasons.push(`Credential ${stale.label} not rotated for ${stale.rotationAgeDays} days (policy ${policy.maxCredentialAgeDays}).`);
  }
  if (!s.consumer.ownerId || !s.consumer.ownerActive) {
    risk += 20;
    reasons.push("The consumer has no active owner.");
  }
  if ((s.consumer.kind === "PARTNER" || s.consumer.kind === "AGENT") && s.api.exposure === "INTERNAL") risk += 10;
  risk += 5 * s.findings.length;

  // ── the recommendation: the strongest applicable rule wins ──
  const beyond = s.scopes.filter((x) => x.beyondBaseline);
  const used = new Set(
    s.scopes.filter((scope) => {
      const d = daysSince(scope.lastUsedAt, now);
      return d !== null && d <= unusedAfter;
    }),
  );
  const isUsed = (scope: Snapshot["scopes"][number]) => used.has(scope);
  let recommendation: Recommendation["recommendation"] = "APPROVE";
  let keep: string[] = [];

  if (s.consumer.status !== "ACTIVE") {
    recommendation = "REVOKE";
    reasons.unshift(`The consumer is ${s.consumer.status.toLowerCase()}.`);
  } else if (grantAge > unusedAfter && (lastUsed === null || lastUsed > unusedAfter)) {
    recommendation = "REVOKE";
    risk += 10;
    reasons.unshift(
      lastUsed === null ? `Never used in the ${grantAge} days since it was granted.` : `Not used for ${lastUsed} days (threshold ${unusedAfter}).`,
    );
  } else {
    // Keep what is used and, for an agent, within what a comparable human holds.
    const keepScopes = s.scopes.filter((x) => (grantAge <= unusedAfter || isUsed(x)) && !x.beyondBaseline);
    const dropped = s.scopes.filter((x) => !keepScopes.includes(x));
    if (beyond.length > 0) {
      risk += 20;
      reasons.unshift(
        `Agent holds ${counted(beyond.length, "scope")} beyond its comparable human role${s.consumer.comparableRole ? ` (${s.consumer.comparableRole})` : ""}: ${beyond.map((x) => x.name).join(", ")}.`,
      );
    }
    const unused = s.scopes.filter((x) => !isUsed(x) && grantAge > unusedAfter);
    if (unused.length > 0)
      reasons.unshift(`${unused.length} of ${s.scopes.length} scopes unused in ${unusedAfter} days: ${unused.map((x) => x.name).join(", ")}.`);
    if (dropped.length > 0 && keepScopes.length > 0) {
      recommendation = "REDUCE";
      keep = keepScopes.map((x) => x.id);
    } else if (dropped.length > 0) {
      recommendation = "REVOKE";
    } else {
      reasons.unshift(
        lastUsed === null ? `Granted ${grantAge} days ago; too recent to judge by use.` : `Used ${counted(lastUsed, "day")} ago; every scope in use.`,
      );
    }
  }
  if (used.size === 0 && recommendation === "REDUCE") recommendation = "REVOKE";
  return { recommendation, reasons, keepScopeIds: keep, riskScore: risk, isHighRisk: risk >= policy.highRiskScore };
}
