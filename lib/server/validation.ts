import type { z } from "zod";
import { invalid, type FieldErrors } from "./errors";

/** Parses input or throws a VALIDATION error carrying one message list per field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw invalid("Some fields need attention.", fieldErrors);
}
