import { describe, expect, it } from "vitest";
import type { Directory, Person } from "@/lib/org-chart/directory";
import { assignStage1, assignStage2, isEligibleReviewer } from "./assign";

function directory(people: Person[], adminIds: string[]): Directory {
  return { people: new Map(people.map((p) => [p.id, p])), adminIds };
}

const p = (id: string, managerId: string | null = null, active = true): Person => ({ id, name: id.toUpperCase(), active, managerId });
const dir = directory(
  [p("owner", "boss"), p("boss", "ceo"), p("ceo"), p("admin"), p("admin2"), p("gone", "boss", false), p("dev", "boss")],
  ["admin", "admin2"],
);

describe("stage 1 assignment", () => {
  it("goes to the API owner", () => {
    expect(assignStage1(dir, "owner", "dev")).toEqual({ reviewerId: "owner", handOff: null });
  });

  it("hands off to the owner's manager when the owner owns the consumer, and says why", () => {
    const a = assignStage1(dir, "owner", "owner");
    expect(a.reviewerId).toBe("boss");
    expect(a.handOff).toBe("API owner OWNER owns the consumer (separation of duties); assigned to BOSS.");
  });

  it("hands off a deactivated owner's items to their manager", () => {
    expect(assignStage1(dir, "gone", "dev").reviewerId).toBe("boss");
  });

  it("falls back to an admin when there is no owner, or the manager is the consumer's owner", () => {
    expect(assignStage1(dir, null, "dev")).toMatchObject({ reviewerId: "admin", handOff: expect.stringContaining("no owner") });
    expect(assignStage1(directory([p("owner", "boss"), p("boss"), p("admin")], ["admin"]), "owner", "owner").reviewerId).toBe("boss");
    expect(assignStage1(directory([p("owner", "boss", false), p("boss"), p("admin")], ["admin"]), "owner", "boss").reviewerId).toBe("admin");
  });

  it("never assigns an admin who owns the consumer", () => {
    expect(assignStage1(dir, null, "admin").reviewerId).toBe("admin2");
  });
});

describe("stage 2 assignment", () => {
  it("goes to the consumer owner's manager", () => {
    expect(assignStage2(dir, "dev", "owner")).toEqual({ reviewerId: "boss", handOff: null });
  });

  it("skips a manager who already decided stage 1", () => {
    const a = assignStage2(dir, "dev", "boss");
    expect(a.reviewerId).toBe("ceo");
    expect(a.handOff).toMatch(/four eyes/);
  });

  it("goes to an admin for an ownerless consumer", () => {
    expect(assignStage2(dir, null, "owner")).toMatchObject({ reviewerId: "admin", handOff: "The consumer has no owner; assigned to ADMIN." });
  });
});

describe("reassignment eligibility", () => {
  it("needs an active reviewer role and not owning the consumer", () => {
    expect(isEligibleReviewer(p("boss"), ["MANAGER"], "dev")).toBe(true);
    expect(isEligibleReviewer(p("dev"), ["OWNER"], "dev")).toBe(false);
    expect(isEligibleReviewer(p("x", null, false), ["ADMIN"], "dev")).toBe(false);
    expect(isEligibleReviewer(p("exec"), ["EXECUTIVE"], "dev")).toBe(false);
  });
});
