"use server";
// Server actions of access reviews: thin shells over the services, which validate,
// authorize and audit.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formToObject, runAction, type ActionResult } from "@/lib/server/action";
import { cancelCampaign, launchCampaign, previewCampaign } from "./campaign-service";
import { bulkApprove, decideItem, submitDecisions } from "./decision-service";
import { announceLaunch } from "./jobs";
import { getInbox } from "./queries";
import { inboxQuery } from "./schemas";

const SELECTION_ARRAYS = ["apiIds", "teamIds", "kinds"];

export async function previewCampaignAction(form: FormData) {
  return runAction((ctx) => previewCampaign(ctx, formToObject(form, SELECTION_ARRAYS)));
}

export async function launchCampaignAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => launchCampaign(ctx, formToObject(form, SELECTION_ARRAYS)));
  if (result.ok) {
    await announceLaunch(result.data.campaign.id);
    redirect(`/reviews/${result.data.campaign.id}`);
  }
  return result;
}

export async function cancelCampaignAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => cancelCampaign(ctx, formToObject(form)), "Campaign cancelled.");
  if (result.ok) revalidatePath(`/reviews/${form.get("id")}`);
  return result;
}

export async function loadInboxAction(query: unknown) {
  const { page, campaignId } = inboxQuery.parse(query);
  return runAction((ctx) => getInbox(ctx, { page, pageSize: 50, campaignId }));
}

export async function decideAction(input: unknown) {
  return runAction((ctx) => decideItem(ctx, input));
}

export async function bulkApproveAction(input: unknown) {
  return runAction((ctx) => bulkApprove(ctx, input));
}

export async function submitDecisionsAction(input: unknown) {
  const result = await runAction((ctx) => submitDecisions(ctx, input));
  if (result.ok) revalidatePath("/reviews", "layout");
  return result;
}
