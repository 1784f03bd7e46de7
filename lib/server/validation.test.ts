import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { controlCharacters, nestsTooDeep, parseInput, reservedKeys } from "./validation";

const schema = z.strictObject({ name: z.string(), tags: z.array(z.string()).default([]) });

describe("input nested deeper than any form", () => {
  it("is refused as a whole, without walking it", () => {
    const deep: unknown = JSON.parse("[".repeat(10_000) + "]".repeat(10_000));
    expect(nestsTooDeep(deep)).toBe(true);
    expect(nestsTooDeep({ a: [{ b: [1, 2, { c: "d" }] }] })).toBe(false);
    expect(() => parseInput(z.unknown(), deep)).toThrow(
      expect.objectContaining({ code: "VALIDATION", fieldErrors: { _form: [expect.stringMatching(/levels deep/)] } }),
    );
  });
});

describe("input naming an object's prototype", () => {
  it("is refused by the key's path, however deep, before the schema sees it", () => {
    const raw: unknown = JSON.parse('{"a":{"__proto__":{"polluted":true}},"list":[{"constructor":{"prototype":1}}]}');
    expect(reservedKeys(raw)).toEqual(["a.__proto__", "list.0.constructor"]);
    expect(() => parseInput(z.strictObject({ a: z.unknown() }), raw)).toThrow(
      expect.objectContaining({ code: "VALIDATION", fieldErrors: expect.objectContaining({ "a.__proto__": [expect.any(String)] }) }),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("input with control characters", () => {
  it("names every field whose text holds one", () => {
    expect(controlCharacters({ name: "ok\u0000", tags: ["fine", "bad\u001b"], nested: { note: "line\nbreak\ttab" } })).toEqual(["name", "tags.1"]);
  });

  it("is refused before anything else, keeping line breaks and tabs", () => {
    expect(parseInput(schema, { name: "two\nlines\twith a tab" })).toEqual({ name: "two\nlines\twith a tab", tags: [] });
    try {
      parseInput(schema, { name: "kong\u0000gateway" });
      expect.unreachable();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      expect(error.fieldErrors?.name?.[0]).toMatch(/control characters/);
    }
  });
});

describe("the checks before the schema", () => {
  it("name each failing field by its whole path, through arrays and objects, once", () => {
    const raw: unknown = JSON.parse('{"events":[{"id":"ok"},{"id":"a\\u0000","scopes":["x","y\\u0007"]}],"meta":{"__proto__":{"note":"\\u0001"}}}');
    expect(controlCharacters(raw)).toEqual(["events.1.id", "events.1.scopes.1"]);
    // Below a reserved key nothing is walked: the key itself is the field to remove.
    expect(reservedKeys(raw)).toEqual(["meta.__proto__"]);
    expect(nestsTooDeep(raw)).toBe(false);
  });

  it("stop at the depth limit, whatever else the input holds", () => {
    const deep: unknown = JSON.parse(`{"bad\\u0000":"x\\u0000","list":${"[".repeat(40)}${"]".repeat(40)}}`);
    expect(nestsTooDeep(deep)).toBe(true);
    expect(() => parseInput(z.unknown(), deep)).toThrow(expect.objectContaining({ fieldErrors: { _form: [expect.stringMatching(/levels deep/)] } }));
  });
});
