// What the decision views keep: one promise per key, so callers asking for the same thing at
// once share one read. Bounded (past the bound the oldest entry goes), a failed read is not kept,
// and an entry may carry tags by which it can be forgotten before it settles. When to forget is
// each view's own business (a notification on PostgreSQL, a changed file on SQLite).

type Entry = { value: Promise<unknown>; tags: readonly string[] };

export class PromiseCache {
  private entries = new Map<string, Entry>();
  private tagged = new Map<string, Set<string>>();
  /** Reads served from memory and loaded, and times everything was forgotten: for tests and the bench. */
  readonly counts = { hits: 0, misses: 0, cleared: 0 };

  constructor(private readonly maxEntries: number) {}

  get size() {
    return this.entries.size;
  }

  /** The promise kept under `key`, or `load()`'s, kept until forgotten. */
  read<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known) {
      this.counts.hits++;
      // A promise stored under this key was stored by this method with a T.
      return known.value as Promise<T>;
    }
    this.counts.misses++;
    const value = load();
    this.entries.set(key, { value, tags });
    for (const tag of tags) {
      let keys = this.tagged.get(tag);
      if (!keys) this.tagged.set(tag, (keys = new Set()));
      keys.add(key);
    }
    // A failed read is not kept: the next call reads again.
    value.catch(() => this.entries.get(key)?.value === value && this.forget(key));
    const oldest = this.entries.size > this.maxEntries ? this.entries.keys().next() : undefined;
    if (oldest && !oldest.done) this.forget(oldest.value);
    return value;
  }

  /** Forgets every entry tagged `tag`, settled or not. */
  forgetTagged(tag: string) {
    for (const key of this.tagged.get(tag) ?? []) this.forget(key);
    this.tagged.delete(tag);
  }

  clear() {
    this.counts.cleared++;
    this.entries.clear();
    this.tagged.clear();
  }

  private forget(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.tagged.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.tagged.delete(tag);
    }
  }
}
