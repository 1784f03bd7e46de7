"use server";
// Server actions of access requests: thin shells over the service, which validates,
// authorizes and audits.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formToObject, runAction, type ActionResult } from "@/lib/server/action";
import { cancelRequest, decideStep, previewRequest, submitRequest } from "./request-service";

export async function previewRequestAction(input: unknown) {
  return runAction((ctx) => previewRequest(ctx, input));
}

export async function submitRequestAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => submitRequest(ctx, formToObject(form, ["scopeIds"])));
  if (result.ok) redirect(`/requests/${result.data.id}`);
  return result;
}

export async function decideStepAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => decideStep(ctx, formToObject(form)));
  // The page the decision was made on no longer offers it: show it again with the outcome.
  if (result.ok) redirect(`/requests/${result.data.requestId}?decided=${result.data.status.toLowerCase()}`);
  return result;
}

export async function cancelRequestAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => cancelRequest(ctx, formToObject(form)), "Request cancelled.");
  if (result.ok) revalidatePath("/requests", "layout");
  return result;
}
