// The stored form of a consumer's and a credential's input, shared by their commands.
import type { ConsumerInput, CredentialInput } from "./schemas";

/** Kind-specific fields are cleared when they do not apply, so a SERVICE never keeps an autonomy. */
export function consumerData(input: ConsumerInput) {
  const agent = input.kind === "AGENT";
  return {
    kind: input.kind,
    name: input.name,
    description: input.description,
    teamId: input.teamId,
    environment: input.environment,
    agentProvider: agent ? (input.agentProvider ?? null) : null,
    agentModel: agent ? (input.agentModel ?? null) : null,
    autonomy: agent ? (input.autonomy ?? null) : null,
    comparableRoleId: agent ? (input.comparableRoleId ?? null) : null,
    partnerOrg: input.kind === "PARTNER" ? (input.partnerOrg ?? null) : null,
    isCiPipeline: input.kind === "SERVICE" && input.isCiPipeline,
  };
}

/** The recorded facts of a credential; an empty optional field clears the stored value. */
export function credentialFacts(fields: Omit<CredentialInput, "consumerId">) {
  return {
    label: fields.label,
    type: fields.type,
    senderConstraint: fields.senderConstraint,
    audience: fields.audience,
    lastRotatedAt: fields.lastRotatedAt ?? null,
    expiresAt: fields.expiresAt ?? null,
    accessTokenTtlSeconds: fields.accessTokenTtlSeconds ?? null,
    refreshTokenTtlSeconds: fields.refreshTokenTtlSeconds ?? null,
  };
}

/** The names of the fields whose stored values differ: what an update changes. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.keys(after).filter((key) => !sameValue(before[key], after[key]));
}

function sameValue(a: unknown, b: unknown) {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}
