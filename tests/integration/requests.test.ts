// Access requests end to end in the data layer: the chain, guardrails, denial at every step,
// separation of duties, concurrent approval, widening, and the expiry of time-bound access.
import { beforeAll, describe, expect, it } from "vitest";
import { cancelRequest } from "@/lib/requests/commands/cancel-request";
import { decideRequestStep } from "@/lib/requests/commands/decide-request-step";
import { submitRequest } from "@/lib/requests/commands/submit-request";
import { runCommand } from "@/lib/server/command";
import { expireGrantScopes, expireGrants, noticeExpiringAccess } from "@/lib/catalogue/expiry";
import { getRequest, listRequests } from "@/lib/requests/queries";
import { requestListParams } from "@/lib/requests/schemas";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { updatePolicy } from "@/lib/policy/commands/update-policy";
import { loadPolicy, type Policy } from "@/lib/policy/policy";
import { DEMO, ctxsFor, expectAppError, rowCounts } from "./helpers";

const DAY = 86_400_000;
let owner: Ctx, manager: Ctx, admin: Ctx, exec: Ctx, auditor: Ctx, apiOwner: Ctx;
let copilot: { id: string };
let fraud: { id: string; scopes: { id: string; name: string }[] };

beforeAll(async () => {
  [owner, manager, admin, exec, auditor, apiOwner] = await ctxsFor(
    DEMO.owner,
    DEMO.manager,
    DEMO.admin,
    DEMO.exec,
    DEMO.auditor,
    "partner-integrations.1@scopeward.test",
  );
  copilot = await db.consumer.findFirstOrThrow({ where: { name: "payments-copilot" } });
  fraud = await db.api.findFirstOrThrow({ where: { name: "Fraud Signals API" }, include: { scopes: true } });
});

/** An approval that has read the request's guardrails and says why it goes ahead. */
const APPROVE = { decision: "APPROVE" as const, acknowledged: true, comment: "Guardrails read; the access is needed" };

const scope = (name: string) => fraud.scopes.find((s) => s.name === name)!.id;

/** A fresh agent of owner@'s, like payments-copilot, so tests do not trip over each other's requests. */
async function newAgent(name: string) {
  const role = await db.jobRole.findFirstOrThrow({ where: { name: "Payments analyst" } });
  const team = await db.team.findFirstOrThrow({ where: { name: "Payments" } });
  return db.consumer.create({
    data: {
      kind: "AGENT",
      name,
      teamId: team.id,
      ownerId: owner.userId,
      environment: "PRODUCTION",
      autonomy: "SUPERVISED",
      comparableRoleId: role.id,
      credentials: {
        create: { credential: { create: { label: `${name} secret`, type: "CLIENT_SECRET", accessTokenTtlSeconds: 600, senderConstraint: "DPOP" } } },
      },
    },
  });
}

const baselineRequest = (consumerId: string, over: Record<string, unknown> = {}) => ({
  consumerId,
  apiId: fraud.id,
  scopeIds: [scope("signals:read")],
  duration: "30",
  justification: "Scores refund requests against fraud signals",
  ...over,
});

describe("the approval chain", () => {
  it("runs manager, API owner, admin; creates the time-bound grant; audits every step", async () => {
    const { id } = await runCommand(submitRequest, owner, {
      consumerId: copilot.id,
      apiId: fraud.id,
      scopeIds: [scope("signals:read"), scope("signals:write")],
      duration: "30",
      justification: "Scores refund requests against fraud signals",
      exceptionJustification: "Writes back fraud verdicts the analysts confirm by hand today",
    });
    const request = await getRequest(owner, id);
    expect(request.guardrails).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: "AGENT_ABOVE_BASELINE",
          needsAdmin: true,
          message: "signals:write is outside the baseline of Payments analyst: more access than a comparable human.",
        }),
        expect.objectContaining({
          code: "TOKEN_LIFETIME",
          message: "Credential payments-copilot client secret issues access tokens for 1 h; policy for AGENT is 15 min.",
        }),
        expect.objectContaining({ code: "BEARER_WRITE" }),
      ]),
    );
    expect(request.steps.map((s) => [s.kind, s.assigneeId, s.status])).toEqual([
      ["MANAGER", manager.userId, "PENDING"],
      ["API_OWNER", apiOwner.userId, "WAITING"],
      ["ADMIN", admin.userId, "WAITING"],
    ]);
    expect(await db.notification.count({ where: { userId: manager.userId, link: `/requests/${id}` } })).toBe(1);

    // Out of turn and out of line: refused, nothing changes.
    await expectAppError(runCommand(decideRequestStep, apiOwner, { requestId: id, ...APPROVE }), "CONFLICT");
    await expectAppError(runCommand(decideRequestStep, admin, { requestId: id, ...APPROVE }), "CONFLICT");
    await expectAppError(runCommand(decideRequestStep, exec, { requestId: id, ...APPROVE }), "FORBIDDEN");

    // Approving past the guardrails needs them acknowledged and a reason; refused otherwise, nothing changes.
    const unchanged = await rowCounts();
    const unread = await expectAppError(runCommand(decideRequestStep, manager, { requestId: id, decision: "APPROVE" }), "VALIDATION");
    expect(Object.keys(unread.fieldErrors ?? {}).sort()).toEqual(["acknowledged", "comment"]);
    expect(await rowCounts()).toEqual(unchanged);
    expect(await runCommand(decideRequestStep, manager, { requestId: id, ...APPROVE, comment: "Fine by me" })).toMatchObject({ status: "PENDING" });
    expect(await db.notification.count({ where: { userId: apiOwner.userId, link: `/requests/${id}` } })).toBe(1);
    expect(await runCommand(decideRequestStep, apiOwner, { requestId: id, ...APPROVE })).toMatchObject({ status: "PENDING" });
    const done = await runCommand(decideRequestStep, admin, { requestId: id, ...APPROVE, comment: "Exception accepted for 30 days" });
    expect(done.status).toBe("APPROVED");

    const grant = await db.grant.findUniqueOrThrow({ where: { id: done.grantId! }, include: { scopes: { include: { scope: true } } } });
    expect(grant).toMatchObject({
      consumerId: copilot.id,
      apiId: fraud.id,
      status: "ACTIVE",
      origin: "REQUEST",
      grantedById: owner.userId,
      approvedById: admin.userId,
    });
    expect(grant.scopes.map((s) => s.scope.name).sort()).toEqual(["signals:read", "signals:write"]);
    expect(Math.abs(grant.expiresAt!.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);

    const trail = await db.auditEvent.findMany({ where: { OR: [{ targetId: id }, { targetId: grant.id }] }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(trail.map((e) => [e.action, e.actorLabel])).toEqual([
      ["request.create", DEMO.owner],
      ["request.approve", DEMO.manager],
      ["request.approve", "partner-integrations.1@scopeward.test"],
      ["request.approve", DEMO.admin],
      ["grant.create", DEMO.admin],
    ]);
    expect(await db.notification.count({ where: { userId: owner.userId, kind: "request.approved", link: `/requests/${id}` } })).toBe(1);
    const after = await getRequest(owner, id);
    expect(after).toMatchObject({ status: "APPROVED", grantId: grant.id });
  });

  it("adds no admin step when no guardrail asks for one", async () => {
    const agent = await newAgent("chain-no-admin");
    const { id } = await runCommand(submitRequest, owner, baselineRequest(agent.id));
    const request = await getRequest(owner, id);
    expect(request.guardrails).toEqual([]);
    expect(request.steps.map((s) => s.kind)).toEqual(["MANAGER", "API_OWNER"]);
  });
});

describe("guardrails refuse what policy forbids, writing nothing", () => {
  it("asks for an exception justification for scopes beyond the comparable role", async () => {
    const agent = await newAgent("guard-exception");
    const before = await db.accessRequest.count();
    const error = await expectAppError(runCommand(submitRequest, owner, baselineRequest(agent.id, { scopeIds: [scope("signals:write")] })), "VALIDATION");
    expect(error.fieldErrors?.exceptionJustification?.[0]).toMatch(/more access than a comparable human/);
    expect(await db.accessRequest.count()).toBe(before);
  });

  it("refuses permanent access for an agent", async () => {
    const agent = await newAgent("guard-permanent");
    const error = await expectAppError(runCommand(submitRequest, owner, baselineRequest(agent.id, { duration: "permanent" })), "VALIDATION");
    expect(error.fieldErrors?.duration?.[0]).toBe("Policy allows only time-bound access for AGENT consumers: choose an end");
  });

  it("refuses a request for a consumer the caller does not own, and scopes of another API", async () => {
    const agent = await newAgent("guard-ownership");
    await expectAppError(runCommand(submitRequest, manager, baselineRequest(agent.id)), "NOT_FOUND");
    const other = await db.scope.findFirstOrThrow({ where: { apiId: { not: fraud.id } } });
    const error = await expectAppError(runCommand(submitRequest, owner, baselineRequest(agent.id, { scopeIds: [other.id] })), "VALIDATION");
    expect(error.fieldErrors?.scopeIds).toEqual(["Every scope must be one the API declares"]);
  });

  it("refuses a second request while one for the same consumer and API waits", async () => {
    const agent = await newAgent("guard-duplicate");
    await runCommand(submitRequest, owner, baselineRequest(agent.id));
    const error = await expectAppError(runCommand(submitRequest, owner, baselineRequest(agent.id)), "CONFLICT");
    expect(error.message).toMatch(/already waiting for approval/);
  });
});

describe("denial", () => {
  for (const [position, who] of [
    [0, "manager"],
    [1, "API owner"],
    [2, "admin"],
  ] as const) {
    it(`at the ${who} step ends the request, skips the rest, creates no grant and tells the requester why`, async () => {
      const agent = await newAgent(`deny-${position}`);
      const { id } = await runCommand(
        submitRequest,
        owner,
        baselineRequest(agent.id, { scopeIds: [scope("signals:write")], exceptionJustification: "Needed to write verdicts back" }),
      );
      const deciders = [manager, apiOwner, admin];
      for (let i = 0; i < position; i++) await runCommand(decideRequestStep, deciders[i]!, { requestId: id, ...APPROVE });
      await expectAppError(runCommand(decideRequestStep, deciders[position]!, { requestId: id, decision: "DENY", comment: "" }), "VALIDATION");
      await runCommand(decideRequestStep, deciders[position]!, { requestId: id, decision: "DENY", comment: "Use the verdicts queue instead" });
      const request = await getRequest(owner, id);
      expect(request.status).toBe("DENIED");
      expect(request.steps.map((s) => s.status)).toEqual(
        ["APPROVED", "APPROVED", "APPROVED"].slice(0, position).concat("DENIED", ...Array(2 - position).fill("SKIPPED")),
      );
      expect(await db.grant.count({ where: { consumerId: agent.id } })).toBe(0);
      const notice = await db.notification.findFirstOrThrow({ where: { userId: owner.userId, kind: "request.denied", link: `/requests/${id}` } });
      expect(notice.body).toBe("Reason: Use the verdicts queue instead");
      await expectAppError(runCommand(decideRequestStep, deciders[Math.min(position + 1, 2)]!, { requestId: id, ...APPROVE }), "CONFLICT");
    });
  }
});

describe("separation of duties", () => {
  it("never puts the requester in the chain and refuses their approval", async () => {
    // owner@ owns the Ledger API and the consumer: the API-owner step must go to someone else.
    const ledger = await db.api.findFirstOrThrow({ where: { name: "Ledger API" }, include: { scopes: { where: { level: "READ" } } } });
    const agent = await newAgent("sod-self");
    const { id } = await runCommand(submitRequest, owner, {
      ...baselineRequest(agent.id),
      apiId: ledger.id,
      scopeIds: [ledger.scopes[0]!.id],
      exceptionJustification: "Reads the ledger for reconciliation",
    });
    const request = await getRequest(owner, id);
    expect(request.steps.map((s) => s.assigneeId)).not.toContain(owner.userId);
    const apiStep = request.steps.find((s) => s.kind === "API_OWNER")!;
    expect(apiStep.handOffNote).toMatch(/made the request \(separation of duties\)/);
    // Even were a step to land on the requester (ownership changed since), the decision is refused.
    await db.accessRequestStep.update({ where: { id: request.steps[0]!.id }, data: { assigneeId: owner.userId } });
    const before = await rowCounts();
    const error = await expectAppError(runCommand(decideRequestStep, owner, { requestId: id, ...APPROVE }), "FORBIDDEN");
    expect(error.message).toMatch(/separation of duties/);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("a step nobody in line may decide", () => {
  // The form's fields for a policy: the only way an administrator sets one.
  const policyForm = (policy: Policy, fallbackApproverId: string) => ({
    ...Object.fromEntries(Object.entries(policy.maxTokenLifetime).map(([k, v]) => [`tokenMinutes.${k}`, String(v / 60)])),
    ...Object.fromEntries(Object.entries(policy.permanentAllowed).flatMap(([k, v]) => (v ? [[`permanent.${k}`, "on"]] : []))),
    ...Object.fromEntries(Object.entries(policy.guardrailApprovals).map(([k, v]) => [`approval.${k}`, v])),
    maxCredentialAgeDays: String(policy.maxCredentialAgeDays),
    unusedAfterDays: String(policy.unusedAfterDays),
    highRiskScore: String(policy.highRiskScore),
    defaultReviewCadenceDays: String(policy.defaultReviewCadenceDays),
    expiryNoticeDays: String(policy.expiryNoticeDays),
    fallbackApproverId,
  });

  it("says so and tells the requester; with a fallback approver set, goes to them", async () => {
    // owner@ asks for their own agent on their own API: the manager holds the first step, the only
    // administrator the API-owner step, and nobody is left for the administrator step.
    const ledger = await db.api.findFirstOrThrow({ where: { name: "Ledger API" }, include: { scopes: { where: { level: "READ" } } } });
    const ask = async (name: string) =>
      runCommand(submitRequest, owner, {
        ...baselineRequest((await newAgent(name)).id),
        apiId: ledger.id,
        scopeIds: [ledger.scopes[0]!.id],
        exceptionJustification: "Reads the ledger for reconciliation",
      });
    const stalled = await ask("stall-without-fallback");
    const waiting = (await getRequest(owner, stalled.id)).steps.find((s) => s.kind === "ADMIN")!;
    expect(waiting.assigneeId).toBeNull();
    expect(waiting.handOffNote).toMatch(/Nobody may decide this step; an administrator must set a fallback approver/);
    expect(await db.notification.count({ where: { userId: owner.userId, kind: "request.stalled", link: `/requests/${stalled.id}` } })).toBe(1);

    // Only someone who may approve requests can be the fallback; the policy is left as it was.
    const policy = await loadPolicy(db);
    const refused = await expectAppError(runCommand(updatePolicy, admin, policyForm(policy, auditor.userId)), "VALIDATION");
    expect(refused.fieldErrors?.fallbackApproverId?.[0]).toMatch(/administrator, owner or manager/);
    expect((await loadPolicy(db)).fallbackApproverId).toBeNull();
    await runCommand(updatePolicy, admin, policyForm(policy, apiOwner.userId));

    const routed = await ask("stall-with-fallback");
    const step = (await getRequest(owner, routed.id)).steps.find((s) => s.kind === "ADMIN")!;
    expect(step.assigneeId).toBe(apiOwner.userId);
    expect(step.handOffNote).toMatch(/assigned to the fallback approver/);
    expect(await db.notification.count({ where: { kind: "request.stalled", link: `/requests/${routed.id}` } })).toBe(0);
    await runCommand(updatePolicy, admin, policyForm(policy, ""));
  });
});

describe("approving twice at the same moment", () => {
  it("creates one grant", async () => {
    const agent = await newAgent("race");
    const { id } = await runCommand(submitRequest, owner, baselineRequest(agent.id));
    await runCommand(decideRequestStep, manager, { requestId: id, ...APPROVE });
    const results = await Promise.allSettled([
      runCommand(decideRequestStep, apiOwner, { requestId: id, ...APPROVE }),
      runCommand(decideRequestStep, apiOwner, { requestId: id, ...APPROVE }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.grant.count({ where: { consumerId: agent.id } })).toBe(1);
    expect(
      await db.auditEvent.count({ where: { action: "grant.create", targetId: (await db.grant.findFirstOrThrow({ where: { consumerId: agent.id } })).id } }),
    ).toBe(1);
  });
});

describe("widening and extending", () => {
  it("adds a time-bound scope to a permanent grant without ending the rest", async () => {
    const service = await db.consumer.findFirstOrThrow({ where: { ownerId: owner.userId, kind: "SERVICE", status: "ACTIVE" } });
    const grant = await db.grant.create({
      data: { consumerId: service.id, apiId: fraud.id, scopes: { create: [{ scopeId: scope("signals:read") }] } },
    });
    const { id } = await runCommand(submitRequest, owner, { ...baselineRequest(service.id), scopeIds: [scope("rules:read")], duration: "7" });
    await runCommand(decideRequestStep, manager, { requestId: id, ...APPROVE });
    const outcome = await runCommand(decideRequestStep, apiOwner, { requestId: id, ...APPROVE });
    expect(outcome.grantId).toBe(grant.id);
    const after = await db.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { scopes: { include: { scope: true } } } });
    expect(after.expiresAt).toBeNull();
    const ends = Object.fromEntries(after.scopes.map((s) => [s.scope.name, s.expiresAt]));
    expect(ends["signals:read"]).toBeNull();
    expect(Math.abs(ends["rules:read"]!.getTime() - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
    expect(await db.auditEvent.count({ where: { action: "grant.widen", targetId: grant.id } })).toBe(1);
  });

  it("refuses a request for scopes already held with no end", async () => {
    const service = await db.consumer.findFirstOrThrow({
      where: { ownerId: owner.userId, kind: "SERVICE", status: "ACTIVE", grants: { none: { apiId: fraud.id } } },
    });
    await db.grant.create({ data: { consumerId: service.id, apiId: fraud.id, scopes: { create: [{ scopeId: scope("signals:read") }] } } });
    const error = await expectAppError(runCommand(submitRequest, owner, { ...baselineRequest(service.id), duration: "permanent" }), "VALIDATION");
    expect(error.fieldErrors?.scopeIds?.[0]).toMatch(/already holds/);
  });
});

describe("cancel and visibility", () => {
  it("lets the requester cancel a waiting request, and no one else", async () => {
    const agent = await newAgent("cancel");
    const { id } = await runCommand(submitRequest, owner, baselineRequest(agent.id));
    await expectAppError(runCommand(cancelRequest, manager, { requestId: id }), "NOT_FOUND");
    await runCommand(cancelRequest, owner, { requestId: id });
    const request = await getRequest(owner, id);
    expect(request.status).toBe("CANCELLED");
    expect(request.steps.every((s) => s.status === "SKIPPED")).toBe(true);
    await expectAppError(runCommand(decideRequestStep, manager, { requestId: id, ...APPROVE }), "CONFLICT");
  });

  it("shows a request to those involved and to auditors, not to others", async () => {
    const agent = await newAgent("visibility");
    const { id } = await runCommand(submitRequest, owner, baselineRequest(agent.id));
    await expect(getRequest(manager, id)).resolves.toMatchObject({ id });
    await expect(getRequest(auditor, id)).resolves.toMatchObject({ id });
    await expectAppError(getRequest(exec, id), "NOT_FOUND");
    const toApprove = await listRequests(manager, requestListParams.parse({ view: "approve", pageSize: "100" }));
    expect(toApprove.rows.map((r) => r.id)).toContain(id);
    const apiOwnerQueue = await listRequests(apiOwner, requestListParams.parse({ view: "approve", pageSize: "100" }));
    expect(apiOwnerQueue.rows.map((r) => r.id)).not.toContain(id);
    const mine = await listRequests(owner, requestListParams.parse({ view: "mine", q: "visibility" }));
    expect(mine.rows.map((r) => r.id)).toEqual([id]);
  });
});

describe("expiry of time-bound access", () => {
  it("expires exactly the grants and scopes past their end, once, and warns owners before", async () => {
    const now = new Date();
    const agent = await newAgent("expiry");
    const make = (expiresAt: Date | null, scopeEnds: [string, Date | null][]) =>
      db.grant.create({
        data: {
          consumerId: agent.id,
          apiId: fraud.id,
          expiresAt,
          scopes: { create: scopeEnds.map(([name, end]) => ({ scopeId: scope(name), expiresAt: end })) },
        },
      });
    const past = await make(new Date(now.getTime() - 60_000), [["signals:read", null]]);
    const soon = await make(new Date(now.getTime() + 3 * DAY), [["signals:read", null]]);
    const mixed = await make(null, [
      ["signals:read", null],
      ["rules:read", new Date(now.getTime() - 1000)],
      ["rules:write", new Date(now.getTime() + 2 * DAY)],
    ]);
    const activeBefore = await db.grant.count({ where: { status: "ACTIVE" } });
    const dueBefore = await db.grant.count({ where: { status: "ACTIVE", expiresAt: { lte: now } } });

    expect(await expireGrants(now)).toBe(dueBefore);
    expect(await db.grant.count({ where: { status: "ACTIVE" } })).toBe(activeBefore - dueBefore);
    expect((await db.grant.findUniqueOrThrow({ where: { id: past.id } })).status).toBe("EXPIRED");
    expect((await db.grant.findUniqueOrThrow({ where: { id: soon.id } })).status).toBe("ACTIVE");
    expect(await expireGrants(now)).toBe(0);

    expect(await expireGrantScopes(now)).toBeGreaterThanOrEqual(1);
    const left = await db.grantScope.findMany({ where: { grantId: mixed.id }, include: { scope: true } });
    expect(left.map((s) => s.scope.name).sort()).toEqual(["rules:write", "signals:read"]);
    expect(await db.auditEvent.count({ where: { action: "grant.scope_expire", targetId: mixed.id } })).toBe(1);
    expect(await expireGrantScopes(now)).toBe(0);

    await noticeExpiringAccess(now);
    await noticeExpiringAccess(now);
    const notices = await db.notification.findMany({
      where: { userId: owner.userId, kind: "grant.expiring", link: `/requests/new?consumerId=${agent.id}&apiId=${fraud.id}` },
    });
    expect(notices).toHaveLength(2);
    expect(notices.map((n) => n.body).sort()).toEqual([
      `scope rules:write ends ${new Date(now.getTime() + 2 * DAY).toISOString().slice(0, 10)}. To keep it, request an extension.`,
      `the grant ends ${new Date(now.getTime() + 3 * DAY).toISOString().slice(0, 10)}. To keep it, request an extension.`,
    ]);
  });
});
