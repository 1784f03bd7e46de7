"use server";
// Server actions of the settings pages: each runs one command with the form's fields.
import { revalidatePath } from "next/cache";
import { runFormCommand, type ActionResult } from "@/lib/server/action";
import { createToken } from "@/lib/api/commands/create-token";
import { revokeToken } from "@/lib/api/commands/revoke-token";
import { updatePolicy } from "@/lib/policy/commands/update-policy";
import { endSessions } from "@/lib/sign-in/commands/end-sessions";
import { createUser } from "./commands/create-user";
import { updateUser } from "./commands/update-user";

export async function updateUserAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(updateUser, form, { arrays: ["roles"], message: "User saved." });
  if (result.ok) revalidatePath("/settings/users");
  return result;
}

export async function createUserAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(createUser, form, { arrays: ["roles"], message: "User created." });
  if (result.ok) revalidatePath("/settings/users");
  return result;
}

export async function updatePolicyAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(updatePolicy, form, { message: "Policy saved. New requests, findings and campaigns use it from now on." });
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

export async function endSessionsAction(_prev: ActionResult<unknown> | null, form: FormData) {
  return runFormCommand(endSessions, form, { message: "Every session of this user has ended: they sign in again at their next click." });
}
