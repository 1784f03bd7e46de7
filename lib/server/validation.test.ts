import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { controlCharacters, parseInput } from "./validation";

const schema = z.strictObject({ name: z.string(), tags: z.array(z.string()).default([]) });

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
