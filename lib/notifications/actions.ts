"use server";
import { revalidatePath } from "next/cache";
import { runFormCommand, type ActionResult } from "@/lib/server/action";
import { markAllRead } from "./commands/mark-all-read";

export async function markAllReadAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const result = await runFormCommand(markAllRead, form, { message: "All notices marked read." });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
