import { describe, expect, it } from "vitest";
import { checkServerAction, nesting } from "./action-guard";

const action = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1:3000/reviews/inbox", {
    method: "POST",
    body,
    headers: { host: "127.0.0.1:3000", "next-action": "abc123", "content-type": "text/plain;charset=UTF-8", ...headers },
  });

describe("server-action requests", () => {
  it("lets a well-formed same-origin call through", async () => {
    expect(await checkServerAction(action('[{"page":1}]', { origin: "http://127.0.0.1:3000" }), undefined)).toBeNull();
  });

  it("refuses a call from another origin with 403", async () => {
    expect(await checkServerAction(action("[]", { origin: "https://evil.test" }), undefined)).toMatchObject({ status: 403 });
    expect(await checkServerAction(action("[]", { origin: "null" }), undefined)).toMatchObject({ status: 403 });
    // Behind a proxy, the public origin decides.
    expect(await checkServerAction(action("[]", { origin: "https://console.example.com" }), "https://console.example.com")).toBeNull();
  });

  it("answers a body that is not a JSON array of arguments with 400", async () => {
    expect(await checkServerAction(action("not json"), undefined)).toMatchObject({ status: 400 });
    expect(await checkServerAction(action("[1,"), undefined)).toMatchObject({ status: 400 });
  });

  it("answers arguments nested deeper than any form with 400, brackets in strings not counted", async () => {
    expect(nesting('[{"a":[1,{"b":"[[[[{{{{"}]}]')).toBe(4);
    expect(nesting('["\\"", "[["]')).toBe(1);
    expect(await checkServerAction(action("[".repeat(10_000) + "]".repeat(10_000)), undefined)).toMatchObject({ status: 400 });
    expect(await checkServerAction(action(`[${"[".repeat(31)}${"]".repeat(31)}]`), undefined)).toBeNull();
  });

  it("answers arguments past the actions' size with 413, whether or not their length is declared", async () => {
    const big = `["${"x".repeat(2 * 1024 * 1024)}"]`;
    expect(await checkServerAction(action(big), undefined)).toMatchObject({ status: 413 });
    expect(await checkServerAction(action("[]", { "content-length": String(50_000_000) }), undefined)).toMatchObject({ status: 413 });
  });

  it("leaves forms and other requests to Next.js", async () => {
    expect(await checkServerAction(action("a=1", { "content-type": "application/x-www-form-urlencoded" }), undefined)).toBeNull();
    expect(await checkServerAction(new Request("http://127.0.0.1:3000/apis", { method: "POST", body: "x" }), undefined)).toBeNull();
  });
});
