import { describe, expect, it } from "vitest";
import { takeToken } from "./rate-limit";

describe("per-token rate limit", () => {
  it("allows a burst, then asks the caller to wait, and refills with time", () => {
    const t0 = 1_000_000;
    let allowed = 0;
    while (takeToken("burst", t0) === 0) allowed++;
    expect(allowed).toBe(600);
    const wait = takeToken("burst", t0);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(4);
    // A second later, 300 more.
    let refilled = 0;
    while (takeToken("burst", t0 + 1000) === 0) refilled++;
    expect(refilled).toBe(300);
  });

  it("keeps each token's bucket to itself", () => {
    const t0 = 2_000_000;
    while (takeToken("noisy", t0) === 0);
    expect(takeToken("quiet", t0)).toBe(0);
  });
});
