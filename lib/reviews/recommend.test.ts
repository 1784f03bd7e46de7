import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/lib/policy/policy";
import { recommend } from "./recommend";
import type { Snapshot } from "./schemas";

const now = new Date("2026-11-22T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

function snapshot(
  over: {
    consumer?: Partial<Snapshot["consumer"]>;
    grant?: Partial<Snapshot["grant"]>;
    scopes?: Partial<Snapshot["scopes"][number]>[];
    credentials?: Partial<Snapshot["credentials"][number]>[];
    api?: Partial<Snapshot["api"]>;
  } = {},
): Snapshot {
  return {
    consumer: {
      id: "c",
      name: "billing-svc",
      kind: "SERVICE",
      status: "ACTIVE",
      environment: "PRODUCTION",
      ownerId: "u",
      ownerName: "Olivia",
      ownerActive: true,
      autonomy: null,
      comparableRole: null,
      ...over.consumer,
    },
    api: { id: "a", name: "Payments API", environment: "PRODUCTION", exposure: "INTERNAL", classification: "INTERNAL", declaredScopes: 4, ...over.api },
    grant: { createdAt: daysAgo(400), expiresAt: null, lastUsedAt: daysAgo(2), lastReviewedAt: null, origin: "REQUEST", justification: "", ...over.grant },
    scopes: (over.scopes ?? [{}]).map((x, i) => ({
      id: `s${i}`,
      name: `payments:read${i}`,
      level: "READ",
      description: "",
      lastUsedAt: daysAgo(2),
      operations: [],
      beyondBaseline: false,
      ...x,
    })),
    credentials: (over.credentials ?? [{}]).map((x, i) => ({
      id: `k${i}`,
      label: `key${i}`,
      type: "CLIENT_SECRET",
      accessTokenTtlSeconds: 900,
      rotationAgeDays: 10,
      senderConstraint: "DPOP",
      expiresAt: null,
      leaked: false,
      ...x,
    })),
    findings: [],
  };
}

describe("recommend", () => {
  it("approves access that is used, in every scope, and well protected", () => {
    const r = recommend(snapshot(), DEFAULT_POLICY, now);
    expect(r.recommendation).toBe("APPROVE");
    expect(r.reasons[0]).toMatch(/Used 2 days ago; every scope in use/);
    expect(r.isHighRisk).toBe(false);
  });

  it("revokes a grant not used for longer than the threshold, and says for how long", () => {
    const r = recommend(snapshot({ grant: { lastUsedAt: daysAgo(91) } }), DEFAULT_POLICY, now);
    expect(r.recommendation).toBe("REVOKE");
    expect(r.reasons[0]).toBe("Not used for 91 days (threshold 90).");
  });

  it("keeps a grant used exactly at the threshold", () => {
    const r = recommend(snapshot({ grant: { lastUsedAt: daysAgo(90) }, scopes: [{ lastUsedAt: daysAgo(90) }] }), DEFAULT_POLICY, now);
    expect(r.recommendation).toBe("APPROVE");
  });

  it("revokes a grant never used since it was granted long ago", () => {
    const r = recommend(snapshot({ grant: { lastUsedAt: null }, scopes: [{ lastUsedAt: null }] }), DEFAULT_POLICY, now);
    expect(r.recommendation).toBe("REVOKE");
    expect(r.reasons[0]).toBe("Never used in the 400 days since it was granted.");
  });

  it("does not judge a recent grant by its use", () => {
    const r = recommend(snapshot({ grant: { createdAt: daysAgo(10), lastUsedAt: null }, scopes: [{ lastUsedAt: null }] }), DEFAULT_POLICY, now);
    expect(r.recommendation).toBe("APPROVE");
    expect(r.reasons[0]).toMatch(/too recent/);
  });

  it("reduces to the used scopes and names the unused ones", () => {
    const r = recommend(snapshot({ scopes: [{ name: "payments:read" }, { name: "payments:write", level: "WRITE", lastUsedAt: null }] }), DEFAULT_POLICY, now);
    expect(r.recommendation).toBe("REDUCE");
    expect(r.keepScopeIds).toEqual(["s0"]);
    expect(r.reasons[0]).toBe("1 of 2 scopes unused in 90 days: payments:write.");
  });

  it("reduces an agent to its comparable human role's baseline", () => {
    const r = recommend(
      snapshot({
        consumer: { kind: "AGENT", comparableRole: "Payments analyst" },
        scopes: [{ name: "refunds:read" }, { name: "payouts:write", level: "WRITE", beyondBaseline: true }],
      }),
      DEFAULT_POLICY,
      now,
    );
    expect(r.recommendation).toBe("REDUCE");
    expect(r.keepScopeIds).toEqual(["s0"]);
    expect(r.reasons[0]).toBe("Agent holds 1 scope beyond its comparable human role (Payments analyst): payouts:write.");
  });

  it("revokes an agent whose every scope is beyond the baseline", () => {
    const r = recommend(snapshot({ consumer: { kind: "AGENT" }, scopes: [{ beyondBaseline: true }] }), DEFAULT_POLICY, now);
    expect(r.recommendation).toBe("REVOKE");
  });

  it("revokes access of a suspended or decommissioned consumer", () => {
    expect(recommend(snapshot({ consumer: { status: "SUSPENDED" } }), DEFAULT_POLICY, now).recommendation).toBe("REVOKE");
  });

  it("scores a leaked bearer credential with admin rights on restricted data as high risk, with reasons", () => {
    const r = recommend(
      snapshot({
        api: { classification: "RESTRICTED" },
        scopes: [{ level: "ADMIN", name: "payments:admin" }],
        credentials: [{ senderConstraint: "BEARER", leaked: true, accessTokenTtlSeconds: 86_400 }],
      }),
      DEFAULT_POLICY,
      now,
    );
    expect(r.isHighRisk).toBe(true);
    expect(r.reasons).toEqual(
      expect.arrayContaining([
        "Holds an ADMIN scope.",
        "Credential key0 was reported leaked and is still valid.",
        "Access tokens live 24 h; policy for SERVICE is 1 h.",
        "Write access through a bearer credential (key0) that is not sender-constrained.",
      ]),
    );
  });

  it("flags a token lifetime exactly at the policy as within it", () => {
    const r = recommend(snapshot({ credentials: [{ accessTokenTtlSeconds: 3600 }] }), DEFAULT_POLICY, now);
    expect(r.reasons.join(" ")).not.toMatch(/Access tokens live/);
  });
});
