// Test databases: a migrated, demo-seeded template made once per run, and a fresh copy
// of it for every test file. TEST_DB=postgresql runs the same suite on PostgreSQL.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export const ROOT = join(import.meta.dirname, "..", "..");
export const WORK_DIR = join(ROOT, ".tmp", "integration");
export const TEMPLATE_SQLITE = join(WORK_DIR, "template.db");
export const TEMPLATE_PG = "scopeward_it_template";
export const DEMO_PASSWORD = "integration-demo-password";

export const engine = process.env.TEST_DB === "postgresql" ? "postgresql" : "sqlite";
/** The server's maintenance connection; the issue asks for the `test` database on 127.0.0.1:5432. */
export const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export function pgUrl(database: string) {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function pgAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function migrate(databaseUrl: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export function resetWorkDir() {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
}

/** A fresh database for one test file, from the template. */
export async function freshDatabase(name: string): Promise<string> {
  if (engine === "sqlite") {
    const file = join(WORK_DIR, `${name}.db`);
    copyFileSync(TEMPLATE_SQLITE, file);
    return `file:${file}`;
  }
  const database = `scopeward_it_${name}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, 60);
  await pgAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${database}" TEMPLATE "${TEMPLATE_PG}"`);
  });
  return pgUrl(database);
}
