// Reading policy, and the settings form's shape. Only an ADMIN changes it
// (commands/update-policy.ts); an AUDITOR reads it.
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import { z } from "zod";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { GUARDRAIL_CODES, loadPolicy, type Policy } from "./policy";

const KINDS = CONSUMER_KINDS;
const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label}: at least ${min}`)
    .max(max, `${label}: at most ${max}`);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** The settings form, flat as the browser sends it: token lifetimes in minutes. */
export const policyForm = z
  .strictObject({
    ...Object.fromEntries(KINDS.map((k) => [`tokenMinutes.${k}`, whole(`${k} token lifetime`, 1, 7 * 24 * 60)])),
    ...Object.fromEntries(KINDS.map((k) => [`permanent.${k}`, checkbox.default(false)])),
    ...Object.fromEntries(GUARDRAIL_CODES.map((c) => [`approval.${c}`, z.enum(["NONE", "ADMIN"], { error: "Choose none or administrator" })])),
    maxCredentialAgeDays: whole("Credential age", 1, 3650),
    unusedAfterDays: whole("Unused threshold", 1, 3650),
    highRiskScore: whole("High-risk score", 1, 1000),
    defaultReviewCadenceDays: whole("Review reminder cadence", 1, 30),
    expiryNoticeDays: whole("Expiry notice", 1, 90),
    fallbackApproverId: z.string().trim().max(64).default(""),
  })
  .transform((f): Policy => {
    const form = f as Record<string, unknown>;
    const perKind = <T>(prefix: string, map: (v: unknown) => T) =>
      Object.fromEntries(KINDS.map((k) => [k, map(form[`${prefix}.${k}`])])) as Record<(typeof KINDS)[number], T>;
    return {
      maxTokenLifetime: perKind("tokenMinutes", (v) => Number(v) * 60),
      permanentAllowed: perKind("permanent", Boolean),
      guardrailApprovals: Object.fromEntries(GUARDRAIL_CODES.map((c) => [c, form[`approval.${c}`]])) as Policy["guardrailApprovals"],
      maxCredentialAgeDays: f.maxCredentialAgeDays,
      unusedAfterDays: f.unusedAfterDays,
      highRiskScore: f.highRiskScore,
      defaultReviewCadenceDays: f.defaultReviewCadenceDays,
      expiryNoticeDays: f.expiryNoticeDays,
      fallbackApproverId: f.fallbackApproverId || null,
    };
  });

/** The roles that may approve a request's step, and so be its fallback approver. */
export const APPROVER_ROLES: UserRole[] = ["ADMIN", "OWNER", "MANAGER"];

export async function readPolicy(ctx: Ctx) {
  requirePermission(ctx, "policy.read");
  const [policy, row, approvers] = await Promise.all([
    loadPolicy(db),
    db.policySetting.findUnique({ where: { key: "policy" }, select: { updatedAt: true, updatedBy: { select: { name: true } } } }),
    db.user.findMany({
      where: { active: true, roles: { some: { role: { in: APPROVER_ROLES } } } },
      select: { id: true, name: true, email: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const fallback = approvers.find((a) => a.id === policy.fallbackApproverId) ?? null;
  return { policy, approvers, fallback, updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy?.name ?? null };
}
