"use server";
import { revalidatePath } from "next/cache";
import { formToObject, runAction, type ActionResult } from "@/lib/server/action";
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
