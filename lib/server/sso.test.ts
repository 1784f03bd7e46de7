import { describe, expect, it } from "vitest";
import { rolesFromGroups } from "./sso";

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
