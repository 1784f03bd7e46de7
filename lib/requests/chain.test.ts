import { describe, expect, it } from "vitest";
import type { Directory, Person } from "@/lib/org-chart/directory";
import { NOBODY, planChain } from "./chain";

function directory(people: Partial<Person>[], adminIds: string[]): Directory {
  return {
    people: new Map(people.map((p) => [p.id!, { name: p.id!, active: true, managerId: null, ...p } as Person])),
    adminIds,
  };
}

// requester owns the consumer; boss manages requester; apiowner owns the API; admin1/admin2 administer.
const org = directory(
  [
    { id: "requester", managerId: "boss" },
    { id: "boss", managerId: "vp" },
    { id: "vp" },
    { id: "apiowner", managerId: "boss" },
    { id: "admin1" },
    { id: "admin2" },
  ],
  ["admin1", "admin2"],
);

describe("approval chain", () => {
  it("goes manager, API owner, then admin when a guardrail asks", () => {
    expect(planChain(org, { requesterId: "requester", consumerOwnerId: "requester", apiOwnerId: "apiowner", needsAdmin: true, fallbackId: null })).toEqual([
      { kind: "MANAGER", assigneeId: "boss", handOff: null },
      { kind: "API_OWNER", assigneeId: "apiowner", handOff: null },
      { kind: "ADMIN", assigneeId: "admin1", handOff: null },
    ]);
    expect(
      planChain(org, { requesterId: "requester", consumerOwnerId: "requester", apiOwnerId: "apiowner", needsAdmin: false, fallbackId: null }),
    ).toHaveLength(2);
  });

  it("never lets the requester approve: a requester who owns the API hands the step to their manager's line", () => {
    const steps = planChain(org, { requesterId: "apiowner", consumerOwnerId: "apiowner", apiOwnerId: "apiowner", needsAdmin: false, fallbackId: null });
    // Manager step: apiowner's manager is boss. API-owner step: apiowner is the requester; boss already approves, so an admin.
    expect(steps[0]).toEqual({ kind: "MANAGER", assigneeId: "boss", handOff: null });
    expect(steps[1]!.assigneeId).toBe("admin1");
    expect(steps[1]!.handOff).toBe("apiowner made the request (separation of duties); assigned to admin1.");
  });

  it("keeps four eyes: the same person never holds two steps", () => {
    const steps = planChain(org, { requesterId: "requester", consumerOwnerId: "requester", apiOwnerId: "boss", needsAdmin: false, fallbackId: null });
    expect(steps[0]!.assigneeId).toBe("boss");
    expect(steps[1]!.assigneeId).toBe("vp");
    expect(steps[1]!.handOff).toBe("boss already approves an earlier step (four eyes); assigned to vp.");
  });

  it("skips a deactivated or missing manager to an administrator, and records why", () => {
    const gone = directory([{ id: "requester", managerId: "boss" }, { id: "boss", active: false }, { id: "apiowner" }, { id: "admin1" }], ["admin1"]);
    const [manager] = planChain(gone, { requesterId: "requester", consumerOwnerId: "requester", apiOwnerId: "apiowner", needsAdmin: false, fallbackId: null });
    expect(manager).toEqual({ kind: "MANAGER", assigneeId: "admin1", handOff: "Manager boss is deactivated; assigned to admin1." });
    const none = directory([{ id: "requester" }, { id: "apiowner" }, { id: "admin1" }], ["admin1"]);
    expect(
      planChain(none, { requesterId: "requester", consumerOwnerId: "requester", apiOwnerId: "apiowner", needsAdmin: false, fallbackId: null })[0]!.handOff,
    ).toBe("There is no manager; assigned to admin1.");
  });

  it("uses the next administrator when the first is the requester, and says so when nobody is left", () => {
    const steps = planChain(org, { requesterId: "admin1", consumerOwnerId: "admin1", apiOwnerId: "apiowner", needsAdmin: true, fallbackId: null });
    expect(steps.map((s) => s.assigneeId)).toEqual(["admin2", "apiowner", null]);
    expect(steps[2]!.handOff).toBe(`Every administrator is the requester, the consumer owner or an earlier approver; ${NOBODY}`);
  });

  it("gives a step nobody in line may decide to the fallback approver", () => {
    // The demo's stall: the owner requests for their own consumer on their own API, and the only
    // administrator already holds the API-owner step, so the administrator step had nobody.
    const small = directory([{ id: "owner", managerId: "boss" }, { id: "boss" }, { id: "admin1" }, { id: "security" }], ["admin1"]);
    const request = { requesterId: "owner", consumerOwnerId: "owner", apiOwnerId: "owner", needsAdmin: true };
    expect(planChain(small, { ...request, fallbackId: null }).map((s) => s.assigneeId)).toEqual(["boss", "admin1", null]);
    const steps = planChain(small, { ...request, fallbackId: "security" });
    expect(steps.map((s) => s.assigneeId)).toEqual(["boss", "admin1", "security"]);
    expect(steps[2]!.handOff).toMatch(/assigned to the fallback approver, security\.$/);
    // The fallback approver is held to the same rules: never the requester, never twice.
    expect(planChain(small, { ...request, fallbackId: "owner" })[2]!.assigneeId).toBeNull();
    expect(planChain(small, { ...request, fallbackId: "boss" })[2]!.assigneeId).toBeNull();
  });

  it("asks the consumer owner's manager, not the requester's, when someone else's consumer is requested for", () => {
    const steps = planChain(org, { requesterId: "admin1", consumerOwnerId: "requester", apiOwnerId: "apiowner", needsAdmin: false, fallbackId: null });
    expect(steps[0]!.assigneeId).toBe("boss");
  });
});
