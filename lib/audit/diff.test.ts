import { describe, expect, it } from "vitest";
import { changedFields } from "./diff";

describe("changedFields", () => {
  it("lists only the fields whose value changed, with both values", () => {
    expect(changedFields({ status: "ACTIVE", scopes: ["a", "b"], name: "x" }, { status: "REVOKED", scopes: ["a"], name: "x" })).toEqual([
      { field: "scopes", before: '["a","b"]', after: '["a"]' },
      { field: "status", before: "ACTIVE", after: "REVOKED" },
    ]);
  });

  it("shows a created or deleted record's fields against nothing", () => {
    expect(changedFields(null, { name: "Orders API" })).toEqual([{ field: "name", before: "—", after: "Orders API" }]);
    expect(changedFields({ name: "Orders API" }, undefined)).toEqual([{ field: "name", before: "Orders API", after: "—" }]);
  });

  it("reads a bare value as one field, and nothing as no change", () => {
    expect(changedFields(3, 4)).toEqual([{ field: "value", before: "3", after: "4" }]);
    expect(changedFields(null, null)).toEqual([]);
    expect(changedFields({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
  });
});
