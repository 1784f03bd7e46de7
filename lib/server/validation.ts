import type { z } from "zod";
import { invalid, type FieldErrors } from "./errors";

/** The field key of a whole-input problem (the body is not an object, a rule across fields). */
export const WHOLE_INPUT = "_form";

// NUL and the other control characters have no place in a name, a comment or a justification
// (PostgreSQL refuses NUL in text outright); line breaks and tabs do.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_MESSAGE = "Remove the control characters (such as NUL) from this text";

// No input of the console nests deeper; the checks below walk the input recursively, so a
// deeper one (a JSON array 10,000 levels deep parses fine) is refused before they start.
const MAX_DEPTH = 32;

/** Whether arrays and objects in the input nest deeper than any input of the console does. */
export function nestsTooDeep(raw: unknown): boolean {
  const stack: [unknown, number][] = [[raw, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, depth] = next;
    if (!value || typeof value !== "object") continue;
    if (depth >= MAX_DEPTH) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The fields (as dotted paths) of the input whose text holds a control character. */
export function controlCharacters(raw: unknown, path: string[] = []): string[] {
  if (typeof raw === "string") return CONTROL.test(raw) ? [path.length ? path.join(".") : WHOLE_INPUT] : [];
  if (Array.isArray(raw)) return raw.flatMap((value, i) => controlCharacters(value, [...path, String(i)]));
  if (raw && typeof raw === "object") return Object.entries(raw).flatMap(([key, value]) => controlCharacters(value, [...path, key]));
  return [];
}

// Keys that reach an object's prototype: no field is named so, and a schema handed one may
// look it up on Object.prototype instead of refusing it.
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
const RESERVED_MESSAGE = "No field has this name: remove it";

/** The fields (as dotted paths) named by a key that reaches an object's prototype. */
export function reservedKeys(raw: unknown, path: string[] = []): string[] {
  if (Array.isArray(raw)) return raw.flatMap((value, i) => reservedKeys(value, [...path, String(i)]));
  if (!raw || typeof raw !== "object") return [];
  return Object.entries(raw).flatMap(([key, value]) => (RESERVED.has(key) ? [[...path, key].join(".")] : reservedKeys(value, [...path, key])));
}

/**
 * Parses input or throws a VALIDATION error carrying one message list per field. A field the
 * schema does not know (strict schemas) is named by its own key, so a caller learns which one
 * to remove.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  if (nestsTooDeep(raw)) throw invalid("Some fields need attention.", { [WHOLE_INPUT]: [`The input nests more than ${MAX_DEPTH} levels deep`] });
  const reserved = reservedKeys(raw);
  if (reserved.length > 0) throw invalid("Some fields need attention.", Object.fromEntries(reserved.map((key) => [key, [RESERVED_MESSAGE]])));
  const control = controlCharacters(raw);
  if (control.length > 0) throw invalid("Some fields need attention.", Object.fromEntries(control.map((key) => [key, [CONTROL_MESSAGE]])));
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
