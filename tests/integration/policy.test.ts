// Policy settings: only an ADMIN changes them, bad values change nothing, every change is
// audited, and requests are judged by the saved policy from then on.
import { beforeAll, describe, expect, it } from "vitest";
import { submitRequest } from "@/lib/requests/commands/submit-request";
import { updatePolicy } from "@/lib/policy/commands/update-policy";
import { runCommand } from "@/lib/server/command";
import { DEFAULT_POLICY, loadPolicy } from "@/lib/policy/policy";
import { readPolicy } from "@/lib/policy/policy-form";
import { getRequest } from "@/lib/requests/queries";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { DEMO, ctxsFor, expectAppError } from "./helpers";

let admin: Ctx, owner: Ctx, auditor: Ctx, exec: Ctx;
beforeAll(async () => {
  [admin, owner, auditor, exec] = await ctxsFor(DEMO.admin, DEMO.owner, DEMO.auditor, DEMO.exec);
});

/** The settings form as the browser posts it, from a policy. */
function form(over: Record<string, string> = {}) {
  const p = DEFAULT_POLICY;
  return {
    ...Object.fromEntries(Object.entries(p.maxTokenLifetime).map(([k, v]) => [`tokenMinutes.${k}`, String(v / 60)])),
    ...Object.fromEntries(
      Object.entries(p.permanentAllowed)
        .filter(([, v]) => v)
        .map(([k]) => [`permanent.${k}`, "on"]),
    ),
    ...Object.fromEntries(Object.entries(p.guardrailApprovals).map(([k, v]) => [`approval.${k}`, v])),
    maxCredentialAgeDays: String(p.maxCredentialAgeDays),
    unusedAfterDays: String(p.unusedAfterDays),
    highRiskScore: String(p.highRiskScore),
    defaultReviewCadenceDays: String(p.defaultReviewCadenceDays),
    expiryNoticeDays: String(p.expiryNoticeDays),
    ...over,
  };
}

describe("policy settings", () => {
  it("start at the documented defaults, readable by ADMIN and AUDITOR only", async () => {
    expect((await readPolicy(auditor)).policy).toEqual(DEFAULT_POLICY);
    await expectAppError(readPolicy(owner), "FORBIDDEN");
  });

  it("are refused to anyone but an ADMIN, and bad values name their field; nothing is written", async () => {
    await expectAppError(runCommand(updatePolicy, exec, form()), "FORBIDDEN");
    const error = await expectAppError(
      runCommand(updatePolicy, admin, form({ "tokenMinutes.AGENT": "0", "approval.BEARER_WRITE": "SOMETIMES" })),
      "VALIDATION",
    );
    expect(error.fieldErrors).toEqual({
      "tokenMinutes.AGENT": ["AGENT token lifetime: at least 1"],
      "approval.BEARER_WRITE": ["Choose none or administrator"],
    });
    expect(await db.policySetting.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "policy.update" } })).toBe(0);
  });

  it("once saved, are audited and judge new requests", async () => {
    await runCommand(
      updatePolicy,
      admin,
      form({ "tokenMinutes.AGENT": "120", "approval.BEARER_WRITE": "ADMIN", "approval.AGENT_ABOVE_BASELINE": "NONE", "permanent.AGENT": "on" }),
    );
    const policy = await loadPolicy(db);
    expect(policy.maxTokenLifetime.AGENT).toBe(7200);
    expect(policy.permanentAllowed.AGENT).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "policy.update" } });
    expect(audit.summary).toBe("Changed policy: maxTokenLifetime, permanentAllowed, guardrailApprovals");
    expect(audit.actorLabel).toBe(DEMO.admin);

    // payments-copilot: 1 h bearer tokens, now within the AGENT limit; its write scope is beyond its role.
    const copilot = await db.consumer.findFirstOrThrow({ where: { name: "payments-copilot" } });
    const fraud = await db.api.findFirstOrThrow({ where: { name: "Fraud Signals API" }, include: { scopes: { where: { name: "signals:write" } } } });
    const { id } = await runCommand(submitRequest, owner, {
      consumerId: copilot.id,
      apiId: fraud.id,
      scopeIds: [fraud.scopes[0]!.id],
      duration: "permanent",
      justification: "Writes fraud verdicts back for the analysts",
      exceptionJustification: "Verdicts are confirmed by a person before they are written",
    });
    const request = await getRequest(owner, id);
    const codes = (request.guardrails as { code: string; needsAdmin: boolean }[]).map((g) => [g.code, g.needsAdmin]);
    expect(codes).toEqual([
      ["AGENT_ABOVE_BASELINE", false],
      ["BEARER_WRITE", true],
    ]);
    expect(request.steps.map((s) => s.kind)).toEqual(["MANAGER", "API_OWNER", "ADMIN"]);
    expect(request.durationDays).toBeNull();
  });
});
