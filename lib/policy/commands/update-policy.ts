// Changes the policy; the audit event carries the whole policy before and after.
import { defineCommand } from "@/lib/server/command";
import { invalid } from "@/lib/server/errors";
import { loadPolicy, type Policy } from "../policy";
import { APPROVER_ROLES, policyForm } from "../policy-form";

export const updatePolicy = defineCommand({
  name: "policy.update",
  input: policyForm,
  permission: "policy.manage",
  callers: { USER: true },
  references: { fallbackApproverId: "user" },
  async execute(tx, next, access) {
    if (next.fallbackApproverId) {
      const fallback = await tx.user.findUnique({ where: { id: next.fallbackApproverId }, select: { active: true, roles: { select: { role: true } } } });
      const approves = fallback?.roles.some((r) => APPROVER_ROLES.includes(r.role));
      if (!fallback?.active || !approves) {
        throw invalid("Some fields need attention.", {
          fallbackApproverId: ["Choose an active administrator, owner or manager: only they may approve requests"],
        });
      }
    }
    const before = await loadPolicy(tx);
    await tx.policySetting.upsert({
      where: { key: "policy" },
      create: { key: "policy", value: next, updatedById: access.person },
      update: { value: next, updatedById: access.person },
    });
    const changed = Object.keys(next).filter((k) => JSON.stringify(next[k as keyof Policy]) !== JSON.stringify(before[k as keyof Policy]));
    return {
      result: next,
      audit: [
        {
          action: "policy.update",
          targetType: "PolicySetting",
          targetId: "policy",
          summary: changed.length ? `Changed policy: ${changed.join(", ")}` : "Saved policy unchanged",
          before,
          after: next,
        },
      ],
    };
  },
});
