// Policy settings that risk rules, recommendations, request guardrails and campaigns read.
// Defaults follow PRODUCT.md; an ADMIN's settings live in PolicySetting under the key "policy".
import { z } from "zod";
import type { ConsumerKind } from "@/lib/generated/prisma/enums";
import type { Db, Tx } from "@/lib/server/db";

const perKind = <T extends z.ZodType>(value: T) => z.object({ HUMAN: value, SERVICE: value, PARTNER: value, AGENT: value });

/** The guardrails a request is checked against; each may require an extra ADMIN approval. */
export const GUARDRAIL_CODES = ["TOKEN_LIFETIME", "AGENT_ABOVE_BASELINE", "RESTRICTED_WRITE", "BEARER_WRITE"] as const;
export type GuardrailCode = (typeof GUARDRAIL_CODES)[number];
export const GUARDRAIL_TITLES: Record<GuardrailCode, string> = {
  TOKEN_LIFETIME: "Access-token lifetime over policy",
  AGENT_ABOVE_BASELINE: "More access than a comparable human",
  RESTRICTED_WRITE: "Write or admin scopes on restricted data",
  BEARER_WRITE: "Bearer credential asking for write or admin",
};

/**
 * How serious a tripped guardrail is: high where the request reaches restricted data or goes
 * past what a comparable person holds, medium where the credential or its tokens are weaker
 * than policy wants.
 */
export const GUARDRAIL_SEVERITY: Record<GuardrailCode, "HIGH" | "MEDIUM"> = {
  TOKEN_LIFETIME: "MEDIUM",
  AGENT_ABOVE_BASELINE: "HIGH",
  RESTRICTED_WRITE: "HIGH",
  BEARER_WRITE: "MEDIUM",
};

export const policySchema = z.object({
  // Maximum access-token lifetime per consumer kind, in seconds.
  maxTokenLifetime: perKind(
    z
      .number()
      .int()
      .positive()
      .max(365 * 86_400),
  ),
  maxCredentialAgeDays: z.number().int().positive().max(3650),
  unusedAfterDays: z.number().int().positive().max(3650),
  highRiskScore: z.number().int().positive().max(1000),
  // Reminder cadence a new campaign starts with.
  defaultReviewCadenceDays: z.number().int().min(1).max(30),
  // Whether a request may ask for access without an end date, per consumer kind.
  permanentAllowed: perKind(z.boolean()),
  // How long before a time-bound grant ends its owner is told.
  expiryNoticeDays: z.number().int().min(1).max(90),
  // Which guardrails add an ADMIN step to a request's approval chain.
  guardrailApprovals: z.object(
    Object.fromEntries(GUARDRAIL_CODES.map((c) => [c, z.enum(["NONE", "ADMIN"])])) as Record<GuardrailCode, z.ZodEnum<{ NONE: "NONE"; ADMIN: "ADMIN" }>>,
  ),
  // Who decides a request's step when nobody in line may (separation of duties, four eyes, no
  // administrator left): without one such a request would wait for good.
  fallbackApproverId: z.string().nullable(),
});
export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = {
  maxTokenLifetime: { HUMAN: 8 * 3600, SERVICE: 3600, PARTNER: 3600, AGENT: 15 * 60 },
  maxCredentialAgeDays: 90,
  unusedAfterDays: 90,
  highRiskScore: 50,
  defaultReviewCadenceDays: 7,
  permanentAllowed: { HUMAN: true, SERVICE: true, PARTNER: false, AGENT: false },
  expiryNoticeDays: 7,
  guardrailApprovals: { TOKEN_LIFETIME: "NONE", AGENT_ABOVE_BASELINE: "ADMIN", RESTRICTED_WRITE: "ADMIN", BEARER_WRITE: "NONE" },
  fallbackApproverId: null,
};

/** Stored settings over the defaults; a setting saved before a newer field existed keeps the default for it. */
export function mergePolicy(stored: unknown): Policy {
  const parsed = policySchema.partial().safeParse(stored ?? {});
  if (!parsed.success) return DEFAULT_POLICY;
  const merged = { ...DEFAULT_POLICY, ...parsed.data };
  return policySchema.parse(merged);
}

export async function loadPolicy(db: Db | Tx): Promise<Policy> {
  const row = await db.policySetting.findUnique({ where: { key: "policy" } });
  return mergePolicy(row?.value);
}

export function tokenLifetimeLimit(policy: Policy, kind: ConsumerKind): number {
  return policy.maxTokenLifetime[kind];
}
