import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { otherInstances, rebuildBlocker, sourceFingerprint } from "./build-state";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "scopeward-build-"));
  mkdirSync(join(root, "lib"));
  writeFileSync(join(root, "lib", "a.ts"), "export const a = 1;\n");
  writeFileSync(join(root, "package-lock.json"), "{}\n");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("sourceFingerprint", () => {
  it("follows content, not modification times", () => {
    const before = sourceFingerprint(root);
    // What an install or a fresh clone does: the same bytes with new times.
    utimesSync(join(root, "package-lock.json"), new Date(), new Date(Date.now() + 60_000));
    expect(sourceFingerprint(root)).toBe(before);
    writeFileSync(join(root, "lib", "a.ts"), "export const a = 2;\n");
    expect(sourceFingerprint(root)).not.toBe(before);
  });

  it("tells a moved file from an unchanged one", () => {
    const before = sourceFingerprint(root);
    rmSync(join(root, "lib", "a.ts"));
    writeFileSync(join(root, "lib", "b.ts"), "export const a = 1;\n");
    expect(sourceFingerprint(root)).not.toBe(before);
  });
});

describe("otherInstances", () => {
  const record = (pid: number, state: string, port: number | null) => {
    mkdirSync(join(root, "data", "instances"), { recursive: true });
    writeFileSync(
      join(root, "data", "instances", `${pid}.json`),
      JSON.stringify({ pid, state, port, database: "/tmp/scopeward.db", since: new Date().toISOString() }),
    );
  };

  it("lists a live instance and forgets dead and unreadable records", async () => {
    const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      record(live.pid!, "serving", 3000);
      const dead = spawn(process.execPath, ["-e", ""]);
      await new Promise((resolve) => dead.on("exit", resolve));
      record(dead.pid!, "serving", 3001);
      writeFileSync(join(root, "data", "instances", "junk.json"), "{");
      const others = otherInstances(root);
      expect(others.map((other) => other.pid)).toEqual([live.pid]);
      expect(readdirSync(join(root, "data", "instances"))).toEqual([`${live.pid}.json`]);
      expect(rebuildBlocker(others)).toContain(`process ${live.pid}) serves it on port 3000`);
    } finally {
      live.kill();
    }
  });

  it("does not count this process, and nothing blocks a lone start", () => {
    record(process.pid, "building", null);
    expect(otherInstances(root)).toEqual([]);
    expect(rebuildBlocker([])).toBeNull();
  });
});
