import { describe, expect, it } from "vitest";
import { eventHash, type ChainedEvent } from "./chain";

const event: ChainedEvent = {
  at: new Date("2026-11-30T10:00:00.123Z"),
  actorKind: "USER",
  actorUserId: "u1",
  actorTokenId: null,
  actorLabel: "owner@scopeward.test",
  action: "grant.update",
  targetType: "Grant",
  targetId: "g1",
  summary: "Changed grant",
  before: { scopes: ["a:read"], expiresAt: null },
  after: { scopes: ["a:read", "a:write"], expiresAt: "2027-01-01T00:00:00.000Z" },
  prevHash: "ab".repeat(32),
};

describe("an audit event's hash", () => {
  it("is the same whatever order the JSON's keys come in", () => {
    expect(eventHash({ ...event, after: { expiresAt: "2027-01-01T00:00:00.000Z", scopes: ["a:read", "a:write"] } })).toBe(eventHash(event));
    expect(eventHash(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with every field, the previous hash included", () => {
    const variants: Partial<ChainedEvent>[] = [
      { at: new Date("2026-11-30T10:00:00.124Z") },
      { actorKind: "API_TOKEN" },
      { actorUserId: null },
      { actorTokenId: "t1" },
      { actorLabel: "someone else" },
      { action: "grant.revoke" },
      { targetType: "Api" },
      { targetId: "g2" },
      { summary: "Nothing to see" },
      { before: null },
      { after: { scopes: ["a:read"] } },
      { prevHash: "cd".repeat(32) },
    ];
    const hashes = new Set(variants.map((change) => eventHash({ ...event, ...change })));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(eventHash(event))).toBe(false);
  });
});
