import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type Policy } from "@/lib/policy/policy";
import { evaluateGuardrails, type GuardrailSubject } from "./guardrails";

const read = { id: "s-read", name: "payments:read", level: "READ" as const };
const write = { id: "s-write", name: "payments:write", level: "WRITE" as const };
const admin = { id: "s-admin", name: "payments:admin", level: "ADMIN" as const };

function subject(over: Partial<GuardrailSubject> = {}): GuardrailSubject {
  return {
    consumer: { kind: "SERVICE", name: "billing-worker", comparableRole: null },
    credentials: [{ label: "billing key", accessTokenTtlSeconds: 600, senderConstraint: "DPOP" }],
    api: { name: "Payments API", classification: "CONFIDENTIAL" },
    scopes: [read],
    ...over,
  };
}
const codes = (s: GuardrailSubject, policy: Policy = DEFAULT_POLICY) => evaluateGuardrails(s, policy).map((g) => g.code);

describe("token lifetime guardrail", () => {
  it("fires when a credential's access tokens outlive the policy for the kind, naming both figures", () => {
    const [g] = evaluateGuardrails(
      subject({
        consumer: { kind: "AGENT", name: "helper", comparableRole: { name: "Analyst", scopeIds: new Set(["s-read"]) } },
        credentials: [{ label: "agent key", accessTokenTtlSeconds: 86_400, senderConstraint: "DPOP" }],
      }),
      DEFAULT_POLICY,
    );
    expect(g!.code).toBe("TOKEN_LIFETIME");
    expect(g!.message).toBe("Credential agent key issues access tokens for 24 h; policy for AGENT is 15 min.");
    expect(g!.needsAdmin).toBe(false);
  });

  it("holds at exactly the limit and ignores credentials without a lifetime", () => {
    expect(codes(subject({ credentials: [{ label: "k", accessTokenTtlSeconds: 3600, senderConstraint: "MTLS" }] }))).toEqual([]);
    expect(codes(subject({ credentials: [{ label: "k", accessTokenTtlSeconds: 3601, senderConstraint: "MTLS" }] }))).toEqual(["TOKEN_LIFETIME"]);
    expect(codes(subject({ credentials: [{ label: "k", accessTokenTtlSeconds: null, senderConstraint: "MTLS" }] }))).toEqual([]);
  });
});

describe("agent above human baseline", () => {
  const role = { name: "Payments analyst", scopeIds: new Set(["s-read"]) };
  it("fires only for scopes outside the comparable role, asks for an exception and an admin", () => {
    const agent = { kind: "AGENT" as const, name: "reconciler", comparableRole: role };
    expect(codes(subject({ consumer: agent, scopes: [read] }))).toEqual([]);
    const [g] = evaluateGuardrails(subject({ consumer: agent, scopes: [read, write], credentials: [] }), DEFAULT_POLICY);
    expect(g).toEqual({
      code: "AGENT_ABOVE_BASELINE",
      message: "payments:write is outside the baseline of Payments analyst: more access than a comparable human.",
      needsAdmin: true,
      needsException: true,
    });
  });

  it("treats an agent without a comparable role as beyond any baseline", () => {
    const [g] = evaluateGuardrails(subject({ consumer: { kind: "AGENT", name: "stray", comparableRole: null } }), DEFAULT_POLICY);
    expect(g!.code).toBe("AGENT_ABOVE_BASELINE");
    expect(g!.message).toMatch(/stray has no comparable human role/);
  });

  it("never fires for people and services, whatever they ask", () => {
    expect(codes(subject({ consumer: { kind: "HUMAN", name: "h", comparableRole: null }, scopes: [admin] }))).not.toContain("AGENT_ABOVE_BASELINE");
  });

  it("asks for no admin when the policy says so", () => {
    const policy = { ...DEFAULT_POLICY, guardrailApprovals: { ...DEFAULT_POLICY.guardrailApprovals, AGENT_ABOVE_BASELINE: "NONE" as const } };
    const [g] = evaluateGuardrails(subject({ consumer: { kind: "AGENT", name: "a", comparableRole: role }, scopes: [write], credentials: [] }), policy);
    expect(g!.needsAdmin).toBe(false);
    expect(g!.needsException).toBe(true);
  });
});

describe("restricted data and bearer credentials", () => {
  it("flags write or admin on a RESTRICTED API with an extra approval, not read", () => {
    const restricted = { name: "Card vault", classification: "RESTRICTED" as const };
    expect(codes(subject({ api: restricted, scopes: [read] }))).toEqual([]);
    const [g] = evaluateGuardrails(subject({ api: restricted, scopes: [read, admin] }), DEFAULT_POLICY);
    expect(g).toMatchObject({ code: "RESTRICTED_WRITE", needsAdmin: true, message: "payments:admin writes to Card vault, which holds RESTRICTED data." });
    expect(codes(subject({ api: { name: "x", classification: "CONFIDENTIAL" }, scopes: [admin] }))).toEqual([]);
  });

  it("flags a bearer credential asking for write, but not a sender-constrained one, nor a read", () => {
    const bearer = [{ label: "static key", accessTokenTtlSeconds: 600, senderConstraint: "BEARER" as const }];
    expect(codes(subject({ credentials: bearer, scopes: [read] }))).toEqual([]);
    expect(codes(subject({ credentials: bearer, scopes: [write] }))).toEqual(["BEARER_WRITE"]);
    expect(codes(subject({ scopes: [write] }))).toEqual([]);
  });
});
