import { describe, expect, it } from "vitest";
import { widenGrant } from "./widen";

const d = (day: number) => new Date(Date.UTC(2027, 0, day));

describe("widening a grant by an approved request", () => {
  it("adds a time-bound scope to a grant without an end, leaving the held scopes alone", () => {
    const out = widenGrant({ expiresAt: null, scopes: [{ scopeId: "a", expiresAt: null }] }, ["b"], d(31));
    expect(out).toEqual({
      expiresAt: null,
      scopes: [
        { scopeId: "a", expiresAt: null },
        { scopeId: "b", expiresAt: d(31) },
      ],
    });
  });

  it("does not lengthen scopes the request did not name when it outlasts the grant", () => {
    const out = widenGrant({ expiresAt: d(10), scopes: [{ scopeId: "a", expiresAt: null }] }, ["b"], d(31));
    expect(out).toEqual({
      expiresAt: d(31),
      scopes: [
        { scopeId: "a", expiresAt: d(10) },
        { scopeId: "b", expiresAt: null },
      ],
    });
  });

  it("extends a held scope to the later end, never shortens it", () => {
    expect(widenGrant({ expiresAt: d(10), scopes: [{ scopeId: "a", expiresAt: null }] }, ["a"], d(31))).toEqual({
      expiresAt: d(31),
      scopes: [{ scopeId: "a", expiresAt: null }],
    });
    expect(widenGrant({ expiresAt: d(31), scopes: [{ scopeId: "a", expiresAt: null }] }, ["a"], d(10))).toEqual({
      expiresAt: d(31),
      scopes: [{ scopeId: "a", expiresAt: null }],
    });
  });

  it("a permanent approval removes the end of what it names and of the grant", () => {
    const out = widenGrant(
      {
        expiresAt: d(10),
        scopes: [
          { scopeId: "a", expiresAt: null },
          { scopeId: "b", expiresAt: null },
        ],
      },
      ["b"],
      null,
    );
    expect(out).toEqual({
      expiresAt: null,
      scopes: [
        { scopeId: "a", expiresAt: d(10) },
        { scopeId: "b", expiresAt: null },
      ],
    });
  });
});
