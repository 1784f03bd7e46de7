import { describe, expect, it } from "vitest";
import { PromiseCache } from "./promise-cache";

/** A load that counts its calls and settles when told. */
function deferred<T>() {
  let settle!: { resolve: (value: T) => void; reject: (error: Error) => void };
  const calls: Promise<T>[] = [];
  const load = () => {
    const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
    calls.push(promise);
    return promise;
  };
  return { load, calls, settle: () => settle };
}

describe("PromiseCache", () => {
  it("shares one read between callers asking at once and keeps its value", async () => {
    const cache = new PromiseCache(10);
    const read = deferred<string>();
    const first = cache.read("k", [], read.load);
    const second = cache.read("k", [], read.load);
    read.settle().resolve("v");
    expect(await Promise.all([first, second])).toEqual(["v", "v"]);
    expect(await cache.read("k", [], read.load)).toBe("v");
    expect(read.calls).toHaveLength(1);
    expect(cache.counts).toMatchObject({ hits: 2, misses: 1 });
  });

  it("does not keep a failed read", async () => {
    const cache = new PromiseCache(10);
    const read = deferred<string>();
    const failed = cache.read("k", [], read.load);
    read.settle().reject(new Error("down"));
    await expect(failed).rejects.toThrow("down");
    const again = cache.read("k", [], read.load);
    read.settle().resolve("v");
    expect(await again).toBe("v");
    expect(read.calls).toHaveLength(2);
  });

  it("forgets by tag, also a read still in flight, and leaves other tags alone", async () => {
    const cache = new PromiseCache(10);
    const a = deferred<string>();
    const b = deferred<string>();
    void cache.read("a", ["c:1", "n"], a.load);
    void cache.read("b", ["c:2"], b.load);
    cache.forgetTagged("n");
    a.settle().resolve("stale");
    b.settle().resolve("b");
    void cache.read("a", ["c:1", "n"], a.load);
    expect(await cache.read("b", ["c:2"], b.load)).toBe("b");
    expect(a.calls).toHaveLength(2);
    expect(b.calls).toHaveLength(1);
    // The forgotten entry's other tag no longer names it: forgetting by it touches only the new read.
    cache.forgetTagged("c:1");
    expect(cache.size).toBe(1);
  });

  it("drops the oldest entry past its bound", async () => {
    const cache = new PromiseCache(2);
    const loads = { a: 0, b: 0, c: 0 };
    const load = (key: keyof typeof loads) => () => Promise.resolve(++loads[key]);
    await cache.read("a", [], load("a"));
    await cache.read("b", [], load("b"));
    await cache.read("c", [], load("c"));
    expect(cache.size).toBe(2);
    await cache.read("b", [], load("b"));
    await cache.read("a", [], load("a"));
    expect(loads).toEqual({ a: 2, b: 1, c: 1 });
  });

  it("clear forgets everything and counts it", async () => {
    const cache = new PromiseCache(10);
    await cache.read("k", ["t"], () => Promise.resolve(1));
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.counts.cleared).toBe(1);
    expect(await cache.read("k", ["t"], () => Promise.resolve(2))).toBe(2);
  });
});
