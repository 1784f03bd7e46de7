import { describe, expect, it } from "vitest";
import { afterStage1, commentRequired, finalOutcome, nextCampaignStatus, undecidedDecision } from "./item-state";

describe("campaign state machine", () => {
  it("launches a draft, completes or cancels an active campaign, and nothing else", () => {
    expect(nextCampaignStatus("DRAFT", "launch")).toBe("ACTIVE");
    expect(nextCampaignStatus("ACTIVE", "complete")).toBe("COMPLETED");
    expect(nextCampaignStatus("ACTIVE", "cancel")).toBe("CANCELLED");
    expect(nextCampaignStatus("ACTIVE", "launch")).toBeNull();
    expect(nextCampaignStatus("COMPLETED", "cancel")).toBeNull();
    expect(nextCampaignStatus("CANCELLED", "launch")).toBeNull();
    expect(nextCampaignStatus("DRAFT", "complete")).toBeNull();
  });
});

describe("item state machine", () => {
  it("closes at stage 1 when there is no second stage", () => {
    expect(afterStage1("APPROVE", false, "ALL_DECISIONS")).toBe("CLOSED");
    expect(afterStage1("REVOKE", false, "APPROVALS_ONLY")).toBe("CLOSED");
  });

  it("sends only approvals to the manager in APPROVALS_ONLY mode", () => {
    expect(afterStage1("APPROVE", true, "APPROVALS_ONLY")).toBe("STAGE2");
    expect(afterStage1("REVOKE", true, "APPROVALS_ONLY")).toBe("CLOSED");
    expect(afterStage1("REDUCE", true, "APPROVALS_ONLY")).toBe("CLOSED");
  });

  it("sends every decision to the manager in ALL_DECISIONS mode", () => {
    expect(afterStage1("REVOKE", true, "ALL_DECISIONS")).toBe("STAGE2");
    expect(afterStage1("REDUCE", true, "ALL_DECISIONS")).toBe("STAGE2");
  });

  it("lets the last stage's decision decide the outcome", () => {
    const item = { outcome: null, recommendation: "APPROVE" as const };
    expect(finalOutcome({ ...item, stage1Decision: "APPROVE", stage2Decision: "REVOKE" })).toBe("REVOKE");
    expect(finalOutcome({ ...item, stage1Decision: "REVOKE", stage2Decision: "APPROVE" })).toBe("KEEP");
    expect(finalOutcome({ ...item, stage1Decision: "REDUCE", stage2Decision: null })).toBe("REDUCE");
  });

  it("lets a due-date rule decide an item its last stage left undecided", () => {
    const undecided = { stage1Decision: null, stage2Decision: null };
    expect(finalOutcome({ ...undecided, outcome: "SUSPEND", recommendation: "APPROVE" })).toBe("SUSPEND");
    expect(finalOutcome({ ...undecided, outcome: "KEEP", recommendation: "REVOKE" })).toBe("KEEP");
    expect(finalOutcome({ ...undecided, outcome: "FOLLOW_RECOMMENDATION", recommendation: "REDUCE" })).toBe("REDUCE");
    // The manager never signed off: the rule applies, not the first stage's decision.
    expect(finalOutcome({ stage1Decision: "APPROVE", stage2Decision: null, outcome: "REVOKE", recommendation: "APPROVE" })).toBe("REVOKE");
  });

  it("applies the campaign's rule to undecided items", () => {
    expect(undecidedDecision("KEEP", "REVOKE")).toBe("APPROVE");
    expect(undecidedDecision("REVOKE", "APPROVE")).toBe("REVOKE");
    expect(undecidedDecision("FOLLOW_RECOMMENDATION", "REDUCE")).toBe("REDUCE");
    expect(undecidedDecision("SUSPEND", "APPROVE")).toBe("SUSPEND");
  });

  it("requires a reason only against the recommendation", () => {
    // Following the recommendation needs no reason; going against it does.
    expect(commentRequired("APPROVE", "APPROVE")).toBeNull();
    expect(commentRequired("REVOKE", "REVOKE")).toBeNull();
    expect(commentRequired("REDUCE", "REDUCE")).toBeNull();
    expect(commentRequired("APPROVE", "REVOKE")).toMatch(/recommendation is to revoke.*why it should stay/);
    expect(commentRequired("REVOKE", "APPROVE")).toMatch(/recommendation is to keep.*why you revoke/);
    expect(commentRequired("REDUCE", "APPROVE")).toMatch(/why you reduce/);
    expect(commentRequired("REASSIGN", "APPROVE")).toBeNull();
  });
});
