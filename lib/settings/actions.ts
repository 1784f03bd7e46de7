"use server";
import { revalidatePath } from "next/cache";
import { formToObject, runAction, runFormCommand, type ActionResult } from "@/lib/server/action";
import { createToken } from "@/lib/api/commands/create-token";
import { revokeToken } from "@/lib/api/commands/revoke-token";
import { updatePolicy } from "@/lib/policy/policy-service";
import { createUser, updateUser } from "./user-service";

export async function updateUserAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => updateUser(ctx, formToObject(form, ["roles"])), "User saved.");
  if (result.ok) revalidatePath("/settings/users");
  return result;
}

export async function createUserAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => createUser(ctx, formToObject(form, ["roles"])), "User created.");
  if (result.ok) revalidatePath("/settings/users");
  return result;
}

export async function updatePolicyAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction((ctx) => updatePolicy(ctx, formToObject(form)), "Policy saved. New requests, findings and campaigns use it from now on.");
  if (result.ok) revalidatePath("/settings/policies");
  return result;
}

export async function createTokenAction(_prev: ActionResult<{ name: string; secret: string }> | null, form: FormData) {
  const result = await runFormCommand(createToken, form, { arrays: ["scopes"] });
  if (result.ok) revalidatePath("/settings/tokens");
  return result;
}

export async function revokeTokenAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(revokeToken, form, { message: "Token revoked." });
  if (result.ok) revalidatePath("/settings/tokens");
  return result;
}
