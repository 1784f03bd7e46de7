"use server";
// Server actions of access requests: each runs one command with the form's fields.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, runFormCommand, type ActionResult } from "@/lib/server/action";
import { cancelRequest } from "./commands/cancel-request";
import { decideRequestStep } from "./commands/decide-request-step";
import { submitRequest } from "./commands/submit-request";
import { previewRequest } from "./evaluate";

export async function previewRequestAction(input: unknown) {
  return runAction((ctx) => previewRequest(ctx, input));
}

export async function submitRequestAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(submitRequest, form, { arrays: ["scopeIds"] });
  if (result.ok) redirect(`/requests/${result.data.id}`);
  return result;
}

export async function decideStepAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(decideRequestStep, form);
  // The page the decision was made on no longer offers it: show it again with the outcome.
  if (result.ok) redirect(`/requests/${result.data.requestId}?decided=${result.data.status.toLowerCase()}`);
  return result;
}

export async function cancelRequestAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(cancelRequest, form, { message: "Request cancelled." });
  if (result.ok) revalidatePath("/requests", "layout");
  return result;
}
