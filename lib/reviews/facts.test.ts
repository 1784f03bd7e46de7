import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/lib/policy/policy";
import { drivingFacts, itemFacts } from "./facts";
import type { Snapshot } from "./schemas";

const now = new Date("2026-11-30T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

function agent(overrides: Partial<Snapshot["credentials"][number]> = {}): Snapshot {
  return {
    consumer: {
      id: "c",
      name: "payments-copilot",
      kind: "AGENT",
      status: "ACTIVE",
      environment: "PRODUCTION",
      ownerId: "u",
      ownerName: "Ada",
      ownerActive: true,
      autonomy: "AUTONOMOUS",
      comparableRole: "Payments analyst",
    },
    api: { id: "a", name: "Payments", environment: "PRODUCTION", exposure: "INTERNAL", classification: "RESTRICTED", declaredScopes: 3 },
    grant: { createdAt: daysAgo(400), expiresAt: null, lastUsedAt: daysAgo(2), lastReviewedAt: null, origin: "REQUEST", justification: "" },
    scopes: [
      { id: "s1", name: "payments:read", level: "READ", description: "", lastUsedAt: daysAgo(2), operations: [], beyondBaseline: false },
      { id: "s2", name: "payments:refund", level: "WRITE", description: "", lastUsedAt: null, operations: [], beyondBaseline: true },
    ],
    credentials: [
      {
        id: "k",
        label: "copilot key",
        type: "CLIENT_SECRET",
        accessTokenTtlSeconds: 86_400,
        rotationAgeDays: 10,
        senderConstraint: "BEARER",
        expiresAt: null,
        leaked: false,
        ...overrides,
      },
    ],
    findings: [],
  };
}

describe("item facts", () => {
  it("states token lifetime against policy, binding, baseline and unused scopes as values", () => {
    const facts = Object.fromEntries(itemFacts(agent(), DEFAULT_POLICY, now).map((f) => [f.key, f]));
    expect(facts.tokenLifetime).toMatchObject({ value: "24 h · policy 15 min", tone: "bad" });
    expect(facts.binding).toMatchObject({ value: "Bearer", tone: "bad" });
    expect(facts.baseline).toMatchObject({ label: "Beyond Payments analyst", value: "1 of 2 scopes", tone: "bad" });
    expect(facts.unusedScopes).toMatchObject({ value: "1 of 2", tone: "bad" });
    expect(facts.lastUse).toMatchObject({ value: "2 d ago", tone: "ok" });
    expect(facts.leaked).toBeUndefined();
  });

  it("passes a sender-constrained, short-lived credential", () => {
    const facts = Object.fromEntries(itemFacts(agent({ accessTokenTtlSeconds: 600, senderConstraint: "DPOP" }), DEFAULT_POLICY, now).map((f) => [f.key, f]));
    expect(facts.tokenLifetime?.tone).toBe("ok");
    expect(facts.binding).toMatchObject({ value: "DPoP-bound", tone: "ok" });
  });

  it("puts a leaked credential among the few facts a queue row shows", () => {
    const driving = drivingFacts(itemFacts(agent({ leaked: true }), DEFAULT_POLICY, now));
    expect(driving.map((f) => f.key)).toEqual(["leaked", "unusedScopes", "baseline"]);
    expect(itemFacts(agent({ leaked: true }), DEFAULT_POLICY, now).find((f) => f.key === "leaked")?.value).toBe("copilot key");
  });
});
