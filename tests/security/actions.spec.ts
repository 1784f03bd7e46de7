// Every server action of the build, as every demo role and signed out, called the way a
// browser calls one (its id, a JSON array of arguments) with arguments that are not its form:
// a caller the permission table refuses is told FORBIDDEN before anything of the input is read;
// a caller it allows is never told FORBIDDEN; nobody signed out gets further than UNAUTHENTICATED.
import { expect, test } from "@playwright/test";
import type { Action } from "@/lib/server/permissions";
import { allowed, callAction, contextOf, people, serverActions, type Caller } from "./server";

// What each action needs. "session": anyone signed in, for their own things; "public": the
// sign-in forms and sign-out, which are not refused to anyone. An action missing here fails the suite.
export const ACTIONS: Record<string, Action | "session" | "public"> = {
  signInWithPasswordAction: "public",
  signInWithSsoAction: "public",
  signOutAction: "public",
  signOutEverywhereAction: "public",
  createApiAction: "api.create",
  updateApiAction: "api.update",
  deleteApiAction: "api.delete",
  addScopeAction: "api.update",
  updateScopeAction: "api.update",
  deleteScopeAction: "api.update",
  importJobAction: "api.create",
  csvImportJobAction: "session",
  createConsumerAction: "consumer.create",
  updateConsumerAction: "consumer.update",
  decommissionConsumerAction: "consumer.decommission",
  createCredentialAction: "credential.create",
  updateCredentialAction: "credential.update",
  rotateCredentialAction: "credential.update",
  revokeCredentialAction: "credential.update",
  createGrantAction: "grant.create",
  updateGrantAction: "grant.update",
  revokeGrantAction: "grant.revoke",
  markAllReadAction: "session",
  previewRequestAction: "request.create",
  submitRequestAction: "request.create",
  decideStepAction: "request.approve",
  cancelRequestAction: "request.create",
  previewCampaignAction: "campaign.manage",
  launchCampaignAction: "campaign.manage",
  cancelCampaignAction: "campaign.manage",
  loadInboxAction: "review.decide",
  draftSummaryAction: "review.decide",
  decideAction: "review.decide",
  bulkDecideAction: "review.decide",
  submitDecisionsAction: "review.decide",
  updatePolicyAction: "policy.manage",
  createTokenAction: "token.manage",
  revokeTokenAction: "token.manage",
  createUserAction: "user.manage",
  updateUserAction: "user.manage",
  endSessionsAction: "session",
};

// Arguments no action takes: a form action gets a plain object for its form, an input action an
// object of unknown fields; an action with a bound id gets an id that names nothing.
const NOT_A_FORM = ["no-such-id", null, { unknown: "field" }];

test("the matrix covers every server action of the build", () => {
  expect(
    serverActions()
      .map((a) => a.name)
      .sort(),
  ).toEqual(Object.keys(ACTIONS).sort());
});

const callers = (): Caller[] => [...people(), "signed out"];

for (const index of [0, 1, 2, 3, 4, 5]) {
  test(`server actions answer caller ${index} as the permission table says`, async () => {
    const caller = callers()[index]!;
    const context = await contextOf(caller);
    const mismatches: string[] = [];
    for (const action of serverActions()) {
      const need = ACTIONS[action.name];
      if (need === undefined || need === "public") continue;
      const answer = await callAction(context, action.id, NOT_A_FORM);
      const expected =
        caller === "signed out" ? "UNAUTHENTICATED" : need !== "session" && !allowed(caller, need) ? "FORBIDDEN" : "not FORBIDDEN, never INTERNAL";
      const fine =
        answer.status < 500 &&
        (expected === "not FORBIDDEN, never INTERNAL"
          ? answer.code !== "FORBIDDEN" && answer.code !== "INTERNAL" && answer.code !== null
          : answer.code === expected);
      if (!fine) mismatches.push(`${action.name}: ${answer.status} ${answer.code ?? "(no code)"}, expected ${expected} — ${answer.body.slice(0, 160)}`);
    }
    await context.dispose();
    expect(mismatches, caller === "signed out" ? caller : `as ${caller.role}`).toEqual([]);
  });
}
