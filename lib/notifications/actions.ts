"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/server/action";
import { markAllRead } from "./service";

export async function markAllReadAction(_prev: ActionResult<unknown> | null, _form: FormData) {
  const result = await runAction((ctx) => markAllRead(ctx), "All notices marked read.");
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
