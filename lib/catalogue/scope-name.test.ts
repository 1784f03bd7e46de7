import { describe, expect, it } from "vitest";
import { scopeInput } from "./schemas";
import { scopeNameProblem } from "./scope-name";

describe("a scope's name", () => {
  it("takes what documents use: URLs, colons, dots, any visible character", () => {
    for (const name of ["https://www.googleapis.com/auth/drive", "read:org", "User.Read.All", "api://app/.default", "écriture", "x".repeat(200)]) {
      expect(scopeNameProblem(name), name).toBeNull();
    }
  });

  it("refuses empty names, spaces, line breaks, invisible characters and names over 200 characters", () => {
    expect(scopeNameProblem("")).toMatch(/empty/);
    for (const name of ["read write", "line\nbreak", "nul\u0000", "zero\u200bwidth", "nbsp\u00a0x", "tab\tx"])
      expect(scopeNameProblem(name), name).toMatch(/space|invisible/);
    expect(scopeNameProblem("x".repeat(201))).toMatch(/Longer than 200/);
  });

  it("is the scope form's rule too", () => {
    const base = { apiId: "api-1", level: "READ" };
    expect(scopeInput.safeParse({ ...base, name: "  read:org  " }).data?.name).toBe("read:org");
    expect(scopeInput.safeParse({ ...base, name: "read write" }).success).toBe(false);
    expect(scopeInput.safeParse({ ...base, name: "https://example.test/auth/drive" }).success).toBe(true);
  });
});
