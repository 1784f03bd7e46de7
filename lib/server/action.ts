// The shape every server action returns, and the one wrapper that turns errors into it:
// known errors keep their message and field errors; anything else is logged with a
// request id and the user sees a generic message with that id.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { AppError, invalid, type FieldErrors } from "./errors";
import { type Ctx } from "./authz";
import { requireSession } from "./session";
import { authorizeCommand, runCommand, type Command } from "./command";
import { logger } from "./logger";

export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | { ok: false; error: string; code: string; fieldErrors?: FieldErrors };

export async function runAction<T>(fn: (ctx: Ctx) => Promise<T>, message?: string): Promise<ActionResult<T>> {
  try {
    const ctx = await requireSession();
    return { ok: true, data: await fn(ctx), message };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message, code: error.code, fieldErrors: error.fieldErrors };
    const requestId = randomUUID();
    logger.error("server action failed", { requestId, error: error instanceof Error ? error.stack : String(error) });
    return { ok: false, code: "INTERNAL", error: `Something went wrong on our side (reference ${requestId.slice(0, 8)}).` };
  }
}

/**
 * The form adapter: a submission runs the command with the form's fields (those named in
 * `arrays` as lists: checkbox groups) and the values the page bound to the action (an id).
 */
export function runFormCommand<S extends z.ZodType, R>(command: Command<S, R>, form: FormData, options: FormOptions = {}) {
  return runAction((ctx) => submitForm(ctx, command, form, options), options.message);
}

type FormOptions = { arrays?: string[]; bound?: Record<string, unknown>; message?: string };

/** The form adapter for a known caller (runFormCommand finds them from the session). */
export async function submitForm<S extends z.ZodType, R>(ctx: Ctx, command: Command<S, R>, form: FormData, options: FormOptions = {}) {
  // Refused before the form is read: a caller who may not run the command learns nothing from its fields.
  authorizeCommand(command, ctx);
  return runCommand(command, ctx, { ...formToObject(form, options.arrays), ...options.bound });
}

/** FormData to a plain object; the named fields are collected as arrays (checkbox groups). */
export function formToObject(form: unknown, arrays: string[] = []): Record<string, unknown> {
  // What arrives is whatever the caller sent, whatever the action's signature says.
  if (!(form instanceof FormData)) throw invalid("This action takes the fields of its form.", { _form: ["Send the form's fields"] });
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    out[key] = arrays.includes(key) ? form.getAll(key).map(String) : String(form.get(key));
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}
