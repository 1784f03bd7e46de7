import type { z } from "zod";
import { invalid, type FieldErrors } from "./errors";

/** The field key of a whole-input problem (the body is not an object, a rule across fields). */
export const WHOLE_INPUT = "_form";

/**
 * Parses input or throws a VALIDATION error carrying one message list per field. A field the
 * schema does not know (strict schemas) is named by its own key, so a caller learns which one
 * to remove.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  const add = (path: PropertyKey[], message: string) => {
    const key = path.length ? path.map(String).join(".") : WHOLE_INPUT;
    (fieldErrors[key] ??= []).push(message);
  };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...issue.path, key], "Unknown field: remove it");
    } else {
      add(issue.path, issue.message);
    }
  }
  throw invalid("Some fields need attention.", fieldErrors);
}
