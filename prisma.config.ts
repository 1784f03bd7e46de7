// Prisma CLI configuration. Prisma runs here on WebAssembly engines with driver
// adapters: no native engine binaries are downloaded or needed.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, providerOf, sqlitePath } from "./lib/server/database-url";

// Without these the CLI tries to download native engines and fails offline.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/dev/null";
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";
// .env is not read when a config file exists; the schema still needs the variable.
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;

// The schema engine arms long timers it never clears, which keeps the CLI alive
// for up to a minute after it has finished. Long timers must not hold the process.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 5000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

const url = process.env.DATABASE_URL;
const provider = providerOf(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: provider === "postgresql" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: {
    path: provider === "postgresql" ? "prisma/postgres/migrations" : "prisma/migrations",
  },
  async adapter() {
    if (provider === "postgresql") {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const factory = new PrismaPg({ connectionString: url, allowExitOnIdle: true });
      const adapter = await factory.connect();
      patchCatalogColumnTypes(adapter);
      patchScriptSplitting(adapter);
      void adapter.dispose();
      return factory;
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    mkdirSync(dirname(sqlitePath(url)), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});

// @prisma/adapter-pg 6.19 cannot deserialize PostgreSQL catalog types (name, char,
// regproc, oid vectors…) that the schema engine reads while migrating (prisma/orm#27403).
// For the CLI only, report them as text / text[]. The app's runtime never reads them.
const AS_TEXT = new Set([18, 19, 24, 194, 2205]);
const AS_TEXT_ARRAY = new Set([1002, 1003]);
type Field = { dataTypeID: number };
type Queryable = { performIO(query: unknown): Promise<{ fields: Field[] }> };

function patchCatalogColumnTypes(adapter: object) {
  // performIO lives on the shared base class of the adapter and its transactions.
  const base = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable & { __patched?: true };
  if (base.__patched) return;
  const performIO = base.performIO;
  base.performIO = async function (this: Queryable, query: unknown) {
    const result = await performIO.call(this, query);
    for (const field of result.fields ?? []) {
      if (AS_TEXT.has(field.dataTypeID)) field.dataTypeID = 25;
      else if (AS_TEXT_ARRAY.has(field.dataTypeID)) field.dataTypeID = 1009;
    }
    return result;
  };
  base.__patched = true;
}

// @prisma/adapter-pg 6.19 runs a migration by splitting its script at every ";" — inside a
// function body or a comment too — so a migration could hold no PL/pgSQL (the triggers of
// 20261201060000_live_view_notifications). The whole script goes to PostgreSQL as one
// simple query instead: PostgreSQL parses it, and runs it as one transaction.
type ScriptRunner = { client: { query(sql: string): Promise<unknown> }; onError(error: unknown): never; __wholeScripts?: true };

function patchScriptSplitting(adapter: object) {
  const proto = Object.getPrototypeOf(adapter) as ScriptRunner & { executeScript(script: string): Promise<void> };
  if (proto.__wholeScripts) return;
  proto.executeScript = async function (this: ScriptRunner, script: string) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  proto.__wholeScripts = true;
}
