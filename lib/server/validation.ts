import type { z } from "zod";
import { invalid, type FieldErrors } from "./errors";

/** The field key of a whole-input problem (the body is not an object, a rule across fields). */
export const WHOLE_INPUT = "_form";

// NUL and the other control characters have no place in a name, a comment or a justification
// (PostgreSQL refuses NUL in text outright); line breaks and tabs do.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_MESSAGE = "Remove the control characters (such as NUL) from this text";

// No input of the console nests deeper; the walk below recurses, so a deeper input (a JSON
// array 10,000 levels deep parses fine) is refused as soon as the walk reaches that depth.
const MAX_DEPTH = 32;

// Keys that reach an object's prototype: no field is named so, and a schema handed one may
// look it up on Object.prototype instead of refusing it.
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
const RESERVED_MESSAGE = "No field has this name: remove it";

/** What the checks before the schema found: each list holds fields as dotted paths. */
type Inspection = { tooDeep: boolean; reserved: string[]; control: string[] };

/**
 * One walk over the input for every check the schema cannot make. The path is one array
 * pushed and popped as the walk goes, joined only for a field that fails: a batch of 5,000
 * events is walked without a string or an array made per value.
 */
function inspect(raw: unknown): Inspection {
  const found: Inspection = { tooDeep: false, reserved: [], control: [] };
  const path: (string | number)[] = [];
  const field = () => (path.length ? path.join(".") : WHOLE_INPUT);
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      if (CONTROL.test(value)) found.control.push(field());
      return;
    }
    if (!value || typeof value !== "object") return;
    if (path.length >= MAX_DEPTH) {
      found.tooDeep = true;
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length && !found.tooDeep; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (found.tooDeep) return;
      path.push(key);
      if (RESERVED.has(key)) found.reserved.push(field());
      else visit(child);
      path.pop();
    }
  };
  visit(raw);
  return found;
}

/** Whether arrays and objects in the input nest deeper than any input of the console does. */
export const nestsTooDeep = (raw: unknown): boolean => inspect(raw).tooDeep;

/** The fields (as dotted paths) of the input whose text holds a control character. */
export const controlCharacters = (raw: unknown): string[] => inspect(raw).control;

/** The fields (as dotted paths) named by a key that reaches an object's prototype. */
export const reservedKeys = (raw: unknown): string[] => inspect(raw).reserved;

/**
 * Parses input or throws a VALIDATION error carrying one message list per field. A field the
 * schema does not know (strict schemas) is named by its own key, so a caller learns which one
 * to remove.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const { tooDeep, reserved, control } = inspect(raw);
  if (tooDeep) throw invalid("Some fields need attention.", { [WHOLE_INPUT]: [`The input nests more than ${MAX_DEPTH} levels deep`] });
  if (reserved.length > 0) throw invalid("Some fields need attention.", Object.fromEntries(reserved.map((key) => [key, [RESERVED_MESSAGE]])));
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
