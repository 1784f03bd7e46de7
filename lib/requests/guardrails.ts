// Guardrails: what a request is checked against before anyone approves it. Pure, so the
// requester's preview, the stored result and every approver see the same reasons.
import type { AccessLevel, ConsumerKind, DataClassification, SenderConstraint } from "@/lib/generated/prisma/enums";
import { formatDuration } from "@/lib/format";
import { type GuardrailCode, type Policy, tokenLifetimeLimit } from "@/lib/policy/policy";

export type GuardrailSubject = {
  consumer: { kind: ConsumerKind; name: string; comparableRole: { name: string; scopeIds: ReadonlySet<string> } | null };
  // Live (unrevoked) credentials of the consumer.
  credentials: { label: string; accessTokenTtlSeconds: number | null; senderConstraint: SenderConstraint }[];
  api: { name: string; classification: DataClassification };
  scopes: { id: string; name: string; level: AccessLevel }[];
};

export type Guardrail = {
  code: GuardrailCode;
  message: string;
  // An extra ADMIN approval joins the chain.
  needsAdmin: boolean;
  // The request must carry an exception justification.
  needsException: boolean;
};

const elevated = (level: AccessLevel) => level === "WRITE" || level === "ADMIN";
const names = (scopes: { name: string }[]) => scopes.map((s) => s.name).join(", ");

export function evaluateGuardrails(subject: GuardrailSubject, policy: Policy): Guardrail[] {
  const { consumer, credentials, api, scopes } = subject;
  const found: Guardrail[] = [];
  const add = (code: GuardrailCode, message: string, needsException = false) =>
    found.push({ code, message, needsAdmin: policy.guardrailApprovals[code] === "ADMIN", needsException });

  const limit = tokenLifetimeLimit(policy, consumer.kind);
  const longest = credentials
    .filter((c) => c.accessTokenTtlSeconds !== null && c.accessTokenTtlSeconds > limit)
    .sort((a, b) => b.accessTokenTtlSeconds! - a.accessTokenTtlSeconds!)[0];
  if (longest) {
    add(
      "TOKEN_LIFETIME",
      `Credential ${longest.label} issues access tokens for ${formatDuration(longest.accessTokenTtlSeconds)}; policy for ${consumer.kind} is ${formatDuration(limit)}.`,
    );
  }

  if (consumer.kind === "AGENT") {
    const role = consumer.comparableRole;
    const beyond = role ? scopes.filter((s) => !role.scopeIds.has(s.id)) : scopes;
    if (beyond.length > 0) {
      add(
        "AGENT_ABOVE_BASELINE",
        role
          ? `${names(beyond)} ${beyond.length === 1 ? "is" : "are"} outside the baseline of ${role.name}: more access than a comparable human.`
          : `${consumer.name} has no comparable human role, so ${names(beyond)} cannot be held against a human baseline.`,
        true,
      );
    }
  }

  const writes = scopes.filter((s) => elevated(s.level));
  if (api.classification === "RESTRICTED" && writes.length > 0) {
    add("RESTRICTED_WRITE", `${names(writes)} ${writes.length === 1 ? "writes" : "write"} to ${api.name}, which holds RESTRICTED data.`);
  }

  const bearer = credentials.find((c) => c.senderConstraint === "BEARER");
  if (writes.length > 0 && bearer) {
    add("BEARER_WRITE", `Credential ${bearer.label} is a bearer token (not sender-constrained by DPoP or mTLS) and would carry ${names(writes)}.`);
  }
  return found;
}
