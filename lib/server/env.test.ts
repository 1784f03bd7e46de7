import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

/** env() as a fresh process would read it, with these settings. */
async function freshEnv(settings: Record<string, string>) {
  vi.resetModules();
  process.env = { ...saved, DATABASE_URL: "file:./data/test.db", ...settings };
  const { env } = await import("./env");
  return env;
}

afterEach(() => {
  process.env = { ...saved };
});

describe("public addresses in the settings", () => {
  it("keeps the decision point's and the console's origin, whatever path they are given with", async () => {
    const env = await freshEnv({ DECISIONS_URL: "https://decisions.example.test:8443/access/", APP_URL: "https://console.example.test/home" });
    expect(env()).toMatchObject({ DECISIONS_URL: "https://decisions.example.test:8443", APP_URL: "https://console.example.test" });
  });

  it("leaves the decision point's origin unset when empty", async () => {
    const env = await freshEnv({ DECISIONS_URL: "" });
    expect(env().DECISIONS_URL).toBeUndefined();
  });

  it("refuses an address that is not a URL, naming the setting", async () => {
    const env = await freshEnv({ DECISIONS_URL: "decisions.example.test" });
    expect(() => env()).toThrow(/DECISIONS_URL/);
  });
});
