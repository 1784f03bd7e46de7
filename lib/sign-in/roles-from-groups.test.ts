import { describe, expect, it } from "vitest";
import { roleSync, rolesFromGroups } from "./roles-from-groups";

describe("rolesFromGroups", () => {
  it("maps configured groups and groups named like a role", () => {
    expect(rolesFromGroups(["iam-admins", "Auditor", "staff"], "iam-admins=ADMIN").sort()).toEqual(["ADMIN", "AUDITOR"]);
  });

  it("gives no role when no group maps", () => {
    expect(rolesFromGroups(["staff", "everyone"], "")).toEqual([]);
    expect(rolesFromGroups(undefined, "x=ADMIN")).toEqual([]);
  });

  it("reads a space- or comma-separated claim and ignores unknown roles in the map", () => {
    expect(rolesFromGroups("owners managers", "owners=OWNER,managers=MANAGER,root=SUPERUSER").sort()).toEqual(["MANAGER", "OWNER"]);
  });
});

describe("roleSync: roles follow the identity provider, hand-set roles stay", () => {
  it("adds mapped roles and removes the provider's roles it no longer maps", () => {
    const current = [
      { role: "ADMIN" as const, source: "IDENTITY_PROVIDER" as const },
      { role: "AUDITOR" as const, source: "MANUAL" as const },
    ];
    expect(roleSync(current, ["OWNER"])).toEqual({ add: ["OWNER"], remove: ["ADMIN"], after: ["AUDITOR", "OWNER"] });
  });

  it("keeps a hand-set role the provider also maps, and changes nothing when nothing moved", () => {
    const current = [{ role: "OWNER" as const, source: "MANUAL" as const }];
    expect(roleSync(current, ["OWNER"])).toEqual({ add: [], remove: [], after: ["OWNER"] });
    expect(roleSync([{ role: "OWNER" as const, source: "IDENTITY_PROVIDER" as const }], ["OWNER"])).toEqual({ add: [], remove: [], after: ["OWNER"] });
  });

  it("takes every provider role away when no group maps any more", () => {
    expect(roleSync([{ role: "ADMIN" as const, source: "IDENTITY_PROVIDER" as const }], [])).toEqual({ add: [], remove: ["ADMIN"], after: [] });
  });
});
