import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "./security-headers";

describe("security headers", () => {
  it("allows scripts by this request's nonce only, and no plugins, base or framing", () => {
    const policy = contentSecurityPolicy({ nonce: "abc", development: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self'");
  });

  it("lets the sign-on form go on to the identity provider", () => {
    expect(contentSecurityPolicy({ nonce: "n", development: false, identityProvider: "https://id.example.com" })).toContain(
      "form-action 'self' https://id.example.com",
    );
  });

  it("turns on HSTS only over https", () => {
    expect(strictTransportSecurity("https://console.example.com", null)).toMatch(/^max-age=\d+/);
    expect(strictTransportSecurity(undefined, "https")).toMatch(/^max-age=\d+/);
    expect(strictTransportSecurity(undefined, "http")).toBeNull();
    expect(strictTransportSecurity("http://127.0.0.1:3000", null)).toBeNull();
  });

  it("draws a new nonce every time", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
