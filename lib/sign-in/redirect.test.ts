import { describe, expect, it } from "vitest";
import { LANDING, safeRedirectPath, safeRedirectUrl } from "./redirect";

describe("the redirect after sign-in", () => {
  it("keeps a plain path of the console, with its query", () => {
    expect(safeRedirectPath("/reviews/inbox?page=2")).toBe("/reviews/inbox?page=2");
    expect(safeRedirectPath("/grants/abc#scopes")).toBe("/grants/abc#scopes");
  });

  it.each([
    "/\\evil.test/",
    "/%09/evil.test",
    "/\t/evil.test",
    "//evil.test",
    "/%2f/evil.test",
    "/%5cevil.test",
    "https://evil.test/",
    "javascript:alert(1)",
    "/\n/evil.test",
    "",
    "evil.test",
  ])("refuses %j, landing on the work page instead", (next) => {
    expect(safeRedirectPath(next)).toBe(LANDING);
  });

  it("keeps Auth.js's redirects on the console's own origin", () => {
    const origin = "https://console.example.com";
    expect(safeRedirectUrl("/apis", origin)).toBe("https://console.example.com/apis");
    expect(safeRedirectUrl("https://console.example.com/grants?x=1", origin)).toBe("https://console.example.com/grants?x=1");
    expect(safeRedirectUrl("https://evil.test/apis", origin)).toBe(`${origin}${LANDING}`);
    expect(safeRedirectUrl("/%09/evil.test", origin)).toBe(`${origin}${LANDING}`);
  });
});
