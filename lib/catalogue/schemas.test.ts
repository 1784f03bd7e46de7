import { describe, expect, it } from "vitest";
import { apiInput, apiListParams, consumerInput, credentialInput, grantInput, scopeInput, userCreateInput } from "./schemas";

const validApi = {
  name: "Payments API",
  teamId: "team1",
  environment: "PRODUCTION",
  exposure: "INTERNAL",
  classification: "RESTRICTED",
};

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("apiInput", () => {
  it("accepts a complete API and fills defaults", () => {
    const parsed = apiInput.parse(validApi);
    expect(parsed).toMatchObject({ lifecycle: "PRODUCTION", baseUrl: "", gateway: "", description: "" });
  });

  it("names each missing or wrong field with a readable message", () => {
    const errors = errorsOf(apiInput.safeParse({ name: "x", environment: "MOON", baseUrl: "not a url" }));
    expect(errors.name).toMatch(/at least 2/);
    expect(errors.environment).toBe("Choose an environment");
    expect(errors.baseUrl).toMatch(/full URL/);
    expect(errors.teamId).toBeDefined();
  });

  it("treats an empty owner field as 'not set'", () => {
    expect(apiInput.parse({ ...validApi, ownerId: "" }).ownerId).toBeUndefined();
  });
});

describe("scopeInput", () => {
  it("accepts OAuth-style names and refuses spaces", () => {
    expect(scopeInput.safeParse({ apiId: "a", name: "payments:write", level: "WRITE" }).success).toBe(true);
    expect(errorsOf(scopeInput.safeParse({ apiId: "a", name: "pay ments", level: "WRITE" })).name).toMatch(/no spaces/);
  });
});

describe("consumerInput", () => {
  const base = { name: "triage-agent", teamId: "t", environment: "PRODUCTION" };

  it("requires an agent's provider, autonomy and comparable role", () => {
    const errors = errorsOf(consumerInput.safeParse({ ...base, kind: "AGENT" }));
    expect(Object.keys(errors).sort()).toEqual(["agentProvider", "autonomy", "comparableRoleId"]);
  });

  it("requires a partner's organisation", () => {
    expect(errorsOf(consumerInput.safeParse({ ...base, kind: "PARTNER" })).partnerOrg).toBeDefined();
  });

  it("allows the CI/CD mark on service accounts only", () => {
    expect(consumerInput.safeParse({ ...base, kind: "SERVICE", isCiPipeline: "on" }).success).toBe(true);
    expect(errorsOf(consumerInput.safeParse({ ...base, kind: "HUMAN", isCiPipeline: "on" })).isCiPipeline).toBeDefined();
  });
});

describe("credentialInput", () => {
  it("reads form lifetimes as seconds and empty dates as unset", () => {
    const parsed = credentialInput.parse({ consumerId: "c", label: "ci key", type: "API_KEY", accessTokenTtlSeconds: "900", expiresAt: "" });
    expect(parsed.accessTokenTtlSeconds).toBe(900);
    expect(parsed.expiresAt).toBeUndefined();
  });

  it("refuses a negative lifetime", () => {
    expect(errorsOf(credentialInput.safeParse({ consumerId: "c", label: "k1", type: "API_KEY", accessTokenTtlSeconds: "-5" })).accessTokenTtlSeconds).toMatch(
      /positive/,
    );
  });
});

describe("grantInput", () => {
  it("needs at least one scope and a real justification", () => {
    const errors = errorsOf(grantInput.safeParse({ consumerId: "c", apiId: "a", scopeIds: [], justification: "pls" }));
    expect(errors.scopeIds).toMatch(/at least one scope/);
    expect(errors.justification).toMatch(/at least 10/);
  });

  it("refuses an expiry in the past", () => {
    const errors = errorsOf(
      grantInput.safeParse({ consumerId: "c", apiId: "a", scopeIds: ["s"], justification: "needed for billing runs", expiresAt: "2001-01-01" }),
    );
    expect(errors.expiresAt).toMatch(/future/);
  });
});

describe("userCreateInput", () => {
  it("lower-cases the email and demands a long password", () => {
    const ok = userCreateInput.parse({ name: "Sam Lee", email: "Sam@Example.com", password: "a-long-password", roles: ["OWNER"] });
    expect(ok.email).toBe("sam@example.com");
    expect(errorsOf(userCreateInput.safeParse({ name: "Sam Lee", email: "x@y.z", password: "short", roles: [] })).password).toMatch(/12/);
  });
});

describe("list params", () => {
  it("falls back to defaults on hand-edited nonsense instead of failing", () => {
    expect(apiListParams.parse({ page: "-3", pageSize: "9999", sort: "drop table", environment: "MOON" })).toEqual({
      page: 1,
      pageSize: 25,
      dir: "asc",
      sort: "name",
    });
  });

  it("keeps valid filters", () => {
    expect(apiListParams.parse({ environment: "STAGING", q: "  pay ", page: "3" })).toMatchObject({ environment: "STAGING", q: "pay", page: 3 });
  });
});
