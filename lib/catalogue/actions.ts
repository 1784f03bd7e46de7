"use server";
// Server actions of the catalogue: each runs one command with the form's fields (the command
// validates, authorizes and audits). A redirect happens only after a successful write.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, runFormCommand, type ActionResult } from "@/lib/server/action";
import { addScope } from "./commands/add-scope";
import { createApi } from "./commands/create-api";
import { createConsumer } from "./commands/create-consumer";
import { createCredential } from "./commands/create-credential";
import { createGrant } from "./commands/create-grant";
import { decommissionConsumer } from "./commands/decommission-consumer";
import { deleteApi } from "./commands/delete-api";
import { deleteScope } from "./commands/delete-scope";
import { revokeCredential } from "./commands/revoke-credential";
import { revokeGrant } from "./commands/revoke-grant";
import { rotateCredential } from "./commands/rotate-credential";
import { updateApi } from "./commands/update-api";
import { updateConsumer } from "./commands/update-consumer";
import { updateCredential } from "./commands/update-credential";
import { updateGrant } from "./commands/update-grant";
import { updateScope } from "./commands/update-scope";
import { csvImportJob } from "./csv-jobs";
import { linesOf, parseIdentitiesCell } from "./identities";
import { importJob } from "./import-jobs";

type FormAction = (previous: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

// Only a plain id may shape a redirect: bound values come back from the client.
const plainId = (value: unknown) => (typeof value === "string" && /^[\w-]{1,64}$/.test(value) ? value : null);

// The lists a form edits as one entry per line, in the commands' shape.
const apiLists = (form: unknown) => ({ audiences: linesOf(form, "audiences"), baseUrls: linesOf(form, "baseUrls") });
const consumerLists = (form: unknown) => ({ identities: linesOf(form, "identities")?.flatMap(parseIdentitiesCell) });

export const createApiAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(createApi, form, { bound: apiLists(form) });
  if (result.ok) redirect(`/apis/${result.data.id}`);
  return result;
};

export async function updateApiAction(id: string, _prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(updateApi, form, { bound: { ...apiLists(form), id } });
  if (result.ok) redirect(`/apis/${result.data.id}`);
  return result;
}

export const deleteApiAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(deleteApi, form);
  if (result.ok) redirect("/apis");
  return result;
};

export const addScopeAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(addScope, form, { message: "Scope added." });
  if (result.ok) revalidatePath(`/apis/${result.data.apiId}`);
  return result;
};

export const updateScopeAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(updateScope, form, { message: "Scope saved." });
  if (result.ok) revalidatePath("/apis/[id]", "page");
  return result;
};

export const deleteScopeAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(deleteScope, form, { message: "Scope removed." });
  if (result.ok) revalidatePath("/apis/[id]", "page");
  return result;
};

export const createConsumerAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(createConsumer, form, { bound: consumerLists(form) });
  if (result.ok) redirect(`/consumers/${result.data.id}`);
  return result;
};

export async function updateConsumerAction(id: string, _prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(updateConsumer, form, { bound: { ...consumerLists(form), id } });
  if (result.ok) redirect(`/consumers/${result.data.id}`);
  return result;
}

export const decommissionConsumerAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(decommissionConsumer, form, { message: "Consumer decommissioned." });
  if (result.ok) revalidatePath(`/consumers/${result.data.consumer.id}`);
  return result;
};

export const createCredentialAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(createCredential, form);
  // Read only once the form proved to be one: the command succeeded on it.
  if (result.ok) {
    const consumerId = plainId(form.get("consumerId"));
    redirect(consumerId ? `/consumers/${consumerId}` : "/consumers");
  }
  return result;
};

export async function updateCredentialAction(consumerId: string, _prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(updateCredential, form);
  const back = plainId(consumerId);
  if (result.ok) redirect(back ? `/consumers/${back}` : "/consumers");
  return result;
}

export const rotateCredentialAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(rotateCredential, form, { message: "Rotation recorded." });
  if (result.ok) revalidatePath("/consumers/[id]", "page");
  return result;
};

export const revokeCredentialAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(revokeCredential, form, { message: "Credential revoked." });
  if (result.ok) revalidatePath("/consumers/[id]", "page");
  return result;
};

export const createGrantAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(createGrant, form, { arrays: ["scopeIds"] });
  if (result.ok) redirect(`/consumers/${result.data.consumerId}`);
  return result;
};

export const updateGrantAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(updateGrant, form, { arrays: ["scopeIds"], message: "Grant updated." });
  if (result.ok) revalidatePath("/grants");
  return result;
};

export const revokeGrantAction: FormAction = async (_prev, form) => {
  const result = await runFormCommand(revokeGrant, form, { message: "Grant revoked." });
  if (result.ok) revalidatePath("/grants");
  return result;
};

export async function importJobAction(id: unknown) {
  return runAction((ctx) => importJob(ctx, plainId(id) ?? ""));
}

/** A CSV check or import the caller started, as it goes. */
export async function csvImportJobAction(id: unknown) {
  return runAction((ctx) => csvImportJob(ctx, plainId(id) ?? ""));
}
