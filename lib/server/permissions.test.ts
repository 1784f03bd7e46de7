import { describe, expect, it } from "vitest";
import { UserRole } from "@/lib/generated/prisma/enums";
import { ACTIONS, PERMISSIONS, can, reachOf } from "./permissions";

// The table as a reader would state it: for each action, each role's reach.
// Written out in full so that any change to the permission table shows up here.
const EXPECTED: Record<string, Record<UserRole, "all" | "own" | null>> = {
  "catalog.read": { ADMIN: "all", OWNER: "all", MANAGER: "all", EXECUTIVE: "all", AUDITOR: "all" },
  "dashboard.read": { ADMIN: "all", OWNER: "all", MANAGER: "all", EXECUTIVE: "all", AUDITOR: "all" },
  "api.create": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "api.update": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "api.delete": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "consumer.create": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "consumer.update": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "consumer.decommission": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "credential.create": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "credential.update": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "grant.create": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "grant.update": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "grant.revoke": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "role.manage": { ADMIN: "all", OWNER: null, MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "campaign.read": { ADMIN: "all", OWNER: "all", MANAGER: "all", EXECUTIVE: "all", AUDITOR: "all" },
  "campaign.manage": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "review.decide": { ADMIN: "own", OWNER: "own", MANAGER: "own", EXECUTIVE: null, AUDITOR: null },
  "review.comments.read": { ADMIN: "all", OWNER: "own", MANAGER: "own", EXECUTIVE: "all", AUDITOR: "all" },
  "request.create": { ADMIN: "own", OWNER: "own", MANAGER: "own", EXECUTIVE: "own", AUDITOR: "own" },
  "request.read": { ADMIN: "all", OWNER: "own", MANAGER: "own", EXECUTIVE: "own", AUDITOR: "all" },
  "request.approve": { ADMIN: "own", OWNER: "own", MANAGER: "own", EXECUTIVE: null, AUDITOR: null },
  "audit.read": { ADMIN: "all", OWNER: null, MANAGER: null, EXECUTIVE: null, AUDITOR: "all" },
  "report.export": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: "all", AUDITOR: "all" },
  "user.manage": { ADMIN: "all", OWNER: null, MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "user.read": { ADMIN: "all", OWNER: null, MANAGER: null, EXECUTIVE: null, AUDITOR: "all" },
  "policy.read": { ADMIN: "all", OWNER: null, MANAGER: null, EXECUTIVE: null, AUDITOR: "all" },
  "policy.manage": { ADMIN: "all", OWNER: null, MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "token.manage": { ADMIN: "all", OWNER: "own", MANAGER: null, EXECUTIVE: null, AUDITOR: null },
  "usage.record": { ADMIN: "all", OWNER: null, MANAGER: null, EXECUTIVE: null, AUDITOR: null },
};

const ROLES = Object.values(UserRole);

describe("permission table", () => {
  it("covers exactly the actions the expectations name", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const action of Object.keys(EXPECTED)) {
    for (const role of ROLES) {
      const expected = EXPECTED[action]![role];
      it(`${role} → ${action}: ${expected ?? "refused"}`, () => {
        expect(reachOf([role], action as keyof typeof PERMISSIONS)).toBe(expected);
        expect(can([role], action as keyof typeof PERMISSIONS)).toBe(expected !== null);
      });
    }
  }

  it("a user without any role may do nothing", () => {
    for (const action of ACTIONS) expect(reachOf([], action)).toBeNull();
  });

  it("several roles give the widest reach among them", () => {
    expect(reachOf(["OWNER", "ADMIN"], "api.update")).toBe("all");
    expect(reachOf(["EXECUTIVE", "OWNER"], "api.update")).toBe("own");
    expect(reachOf(["EXECUTIVE", "AUDITOR"], "api.update")).toBeNull();
  });

  it("read-only roles may change nothing (asking for access to a consumer they own is not a change)", () => {
    // PRODUCT.md: every user may request access for a consumer they own; approval is what changes access.
    const mutations = ACTIONS.filter((a) => !/\.(read|export)$/.test(a) && a !== "request.create");
    for (const role of ["EXECUTIVE", "AUDITOR"] as const) {
      for (const action of mutations) expect(can([role], action), `${role} ${action}`).toBe(false);
    }
  });
});
