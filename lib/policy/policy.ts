// Policy settings that risk rules, recommendations and guardrails read. Defaults follow
// PRODUCT.md; an ADMIN's overrides live in PolicySetting under the key "policy".
import { z } from "zod";
import type { ConsumerKind } from "@/lib/generated/prisma/enums";
import type { Db, Tx } from "@/lib/server/db";

export const policySchema = z.object({
  // Maximum access-token lifetime per consumer kind, in seconds.
  maxTokenLifetime: z.object({
    HUMAN: z.number().int().positive(),
    SERVICE: z.number().int().positive(),
    PARTNER: z.number().int().positive(),
    AGENT: z.number().int().positive(),
  }),
  maxCredentialAgeDays: z.number().int().positive(),
  unusedAfterDays: z.number().int().positive(),
  highRiskScore: z.number().int().positive(),
});
export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = {
  maxTokenLifetime: { HUMAN: 8 * 3600, SERVICE: 3600, PARTNER: 3600, AGENT: 15 * 60 },
  maxCredentialAgeDays: 90,
  unusedAfterDays: 90,
  highRiskScore: 50,
};

export async function loadPolicy(db: Db | Tx): Promise<Policy> {
  const row = await db.policySetting.findUnique({ where: { key: "policy" } });
  const parsed = policySchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_POLICY, ...(parsed.success ? parsed.data : {}) };
}

export function tokenLifetimeLimit(policy: Policy, kind: ConsumerKind): number {
  return policy.maxTokenLifetime[kind];
}
