import type { Metadata } from "next";
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import { PolicyForm } from "@/components/settings/policy-form";
import { Facts, PageHeader, Section } from "@/components/ui/page-header";
import { formatDateTime, formatDuration } from "@/lib/format";
import { GUARDRAIL_CODES, GUARDRAIL_TITLES } from "@/lib/policy/policy";
import { readPolicy } from "@/lib/policy/policy-form";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { can } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const ctx = await requireUser();
  const { policy, approvers, fallback, updatedAt, updatedBy } = await guard(() => readPolicy(ctx));
  return (
    <>
      <PageHeader
        title="Policies"
        description={`The rules risk findings, review recommendations and request guardrails apply. ${updatedAt ? `Last changed ${formatDateTime(updatedAt)} by ${updatedBy ?? "a former user"}.` : "The defaults apply: nobody has changed them yet."}`}
      />
      {can(ctx.roles, "policy.manage") ? (
        <PolicyForm policy={policy} approvers={approvers} />
      ) : (
        <Section title="Current policy">
          <Facts
            items={[
              ...CONSUMER_KINDS.map((k): [string, string] => [`${k} token lifetime`, formatDuration(policy.maxTokenLifetime[k])]),
              ["Rotate credentials within", `${policy.maxCredentialAgeDays} days`],
              ["Unused after", `${policy.unusedAfterDays} days`],
              ["Review reminder cadence", `${policy.defaultReviewCadenceDays} days`],
              ["High-risk from score", String(policy.highRiskScore)],
              ["Expiry notice", `${policy.expiryNoticeDays} days before`],
              ["Fallback approver", fallback ? `${fallback.name} (${fallback.email})` : "nobody"],
              [
                "Permanent access allowed for",
                Object.entries(policy.permanentAllowed)
                  .filter(([, v]) => v)
                  .map(([k]) => k)
                  .join(", ") || "no kind",
              ],
              ...GUARDRAIL_CODES.map((c): [string, string] => [
                GUARDRAIL_TITLES[c],
                policy.guardrailApprovals[c] === "ADMIN" ? "Extra ADMIN approval" : "Flag only",
              ]),
            ]}
          />
        </Section>
      )}
    </>
  );
}
