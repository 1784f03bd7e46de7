"use server";
// Server actions of access reviews: each change runs one command (which validates,
// authorizes and audits); previews and the inbox are reads.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formToObject, runAction, runFormCommand, type ActionResult } from "@/lib/server/action";
import { requirePermission } from "@/lib/server/authz";
import { authorizeCommand, runCommand } from "@/lib/server/command";
import { parseInput } from "@/lib/server/validation";
import { bulkDecide } from "./commands/bulk-decide";
import { cancelCampaign } from "./commands/cancel-campaign";
import { decideItem } from "./commands/decide-item";
import { launchCampaign, launchOnce } from "./commands/launch-campaign";
import { submitDecisions } from "./commands/submit-decisions";
import { previewCampaign } from "./launch";
import { getDraftSummary } from "./draft-summary";
import { getInbox } from "./queries";
import { inboxQuery, selectionSchema } from "./schemas";

const SELECTION_ARRAYS = ["apiIds", "teamIds", "kinds"];

/** The preview reads the selection part of the campaign form; the rest of the form is for the launch. */
export async function previewCampaignAction(form: FormData) {
  return runAction((ctx) => {
    requirePermission(ctx, "campaign.manage");
    const fields = formToObject(form, SELECTION_ARRAYS);
    const selection = Object.fromEntries(Object.keys(selectionSchema.shape).flatMap((key) => (key in fields ? [[key, fields[key]]] : [])));
    return previewCampaign(ctx, selection);
  });
}

export async function launchCampaignAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => {
    // Refused before the form is read, as every form command is.
    authorizeCommand(launchCampaign, ctx);
    return launchOnce(ctx, formToObject(form, SELECTION_ARRAYS));
  });
  if (result.ok) redirect(`/reviews/${result.data.campaign.id}`);
  return result;
}

export async function cancelCampaignAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(cancelCampaign, form, { message: "Campaign cancelled." });
  if (result.ok) revalidatePath(`/reviews/${result.data.id}`);
  return result;
}

// A malformed query (null, a string, an unknown field) is the caller's mistake: a validation
// answer, never a server error.
export async function loadInboxAction(query: unknown) {
  return runAction((ctx) => {
    requirePermission(ctx, "review.decide");
    const { page, campaignId } = parseInput(inboxQuery.strict(), query);
    return getInbox(ctx, { page, pageSize: 50, campaignId });
  });
}

export async function draftSummaryAction(query: unknown) {
  return runAction((ctx) => {
    requirePermission(ctx, "review.decide");
    return getDraftSummary(ctx, parseInput(inboxQuery.strict(), query).campaignId);
  });
}

export async function decideAction(input: unknown) {
  return runAction((ctx) => runCommand(decideItem, ctx, input));
}

export async function bulkDecideAction(input: unknown) {
  return runAction((ctx) => runCommand(bulkDecide, ctx, input));
}

export async function submitDecisionsAction(input: unknown) {
  const result = await runAction((ctx) => runCommand(submitDecisions, ctx, input));
  if (result.ok) revalidatePath("/reviews", "layout");
  return result;
}
