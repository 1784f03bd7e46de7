"use server";
// Server actions of the catalogue: thin shells over the services, which validate,
// authorize and audit. A redirect happens only after a successful write.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formToObject, runAction, type ActionResult } from "@/lib/server/action";
import { addScope, createApi, deleteApi, deleteScope, updateApi, updateScope } from "./api-service";
import {
  createConsumer,
  createCredential,
  decommissionConsumer,
  revokeCredential,
  rotateCredential,
  updateConsumer,
  updateCredential,
} from "./consumer-service";
import { createGrant, revokeGrant, updateGrant } from "./grant-service";
import { applyCsvImport, previewCsvImport } from "./csv-import";
import { applyImport, previewImport } from "./openapi-import";

type FormAction = (previous: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

export const createApiAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => createApi(ctx, formToObject(form)));
  if (result.ok) redirect(`/apis/${(result.data as { id: string }).id}`);
  return result;
};

export async function updateApiAction(id: string, _prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => updateApi(ctx, id, formToObject(form)));
  if (result.ok) redirect(`/apis/${result.data.id}`);
  return result;
}

export const deleteApiAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => deleteApi(ctx, formToObject(form)));
  if (result.ok) redirect("/apis");
  return result;
};

export const addScopeAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => addScope(ctx, formToObject(form)), "Scope added.");
  if (result.ok) revalidatePath(`/apis/${form.get("apiId")}`);
  return result;
};

export const updateScopeAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => updateScope(ctx, formToObject(form)), "Scope saved.");
  if (result.ok) revalidatePath("/apis/[id]", "page");
  return result;
};

export const deleteScopeAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => deleteScope(ctx, formToObject(form)), "Scope removed.");
  if (result.ok) revalidatePath("/apis/[id]", "page");
  return result;
};

export const createConsumerAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => createConsumer(ctx, formToObject(form)));
  if (result.ok) redirect(`/consumers/${(result.data as { id: string }).id}`);
  return result;
};

export async function updateConsumerAction(id: string, _prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => updateConsumer(ctx, id, formToObject(form)));
  if (result.ok) redirect(`/consumers/${result.data.id}`);
  return result;
}

export const decommissionConsumerAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => decommissionConsumer(ctx, formToObject(form)), "Consumer decommissioned.");
  if (result.ok) revalidatePath(`/consumers/${form.get("id")}`);
  return result;
};

export const createCredentialAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => createCredential(ctx, formToObject(form)));
  if (result.ok) redirect(`/consumers/${form.get("consumerId")}`);
  return result;
};

export async function updateCredentialAction(consumerId: string, _prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => updateCredential(ctx, formToObject(form)));
  // The bound id comes back from the client: only a plain id may shape the redirect.
  if (result.ok) redirect(typeof consumerId === "string" && /^[\w-]{1,64}$/.test(consumerId) ? `/consumers/${consumerId}` : "/consumers");
  return result;
}

export const rotateCredentialAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => rotateCredential(ctx, formToObject(form)), "Rotation recorded.");
  if (result.ok) revalidatePath("/consumers/[id]", "page");
  return result;
};

export const revokeCredentialAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => revokeCredential(ctx, formToObject(form)), "Credential revoked.");
  if (result.ok) revalidatePath("/consumers/[id]", "page");
  return result;
};

export const createGrantAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => createGrant(ctx, formToObject(form, ["scopeIds"])));
  if (result.ok) redirect(`/consumers/${form.get("consumerId")}`);
  return result;
};

export const updateGrantAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => updateGrant(ctx, formToObject(form, ["scopeIds"])), "Grant updated.");
  if (result.ok) revalidatePath("/grants");
  return result;
};

export const revokeGrantAction: FormAction = async (_prev, form) => {
  const result = await runAction((ctx) => revokeGrant(ctx, formToObject(form)), "Grant revoked.");
  if (result.ok) revalidatePath("/grants");
  return result;
};

export async function previewImportAction(input: unknown) {
  return runAction((ctx) => previewImport(ctx, input));
}

export async function applyImportAction(input: unknown) {
  const result = await runAction((ctx) => applyImport(ctx, input));
  if (result.ok) revalidatePath("/apis");
  return result;
}

export async function previewCsvImportAction(input: unknown) {
  return runAction((ctx) => previewCsvImport(ctx, input));
}

export async function applyCsvImportAction(input: unknown) {
  const result = await runAction((ctx) => applyCsvImport(ctx, input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
