// What db:backup and db:restore share: which SQLite file DATABASE_URL names, and whether a copy
// of it is sound and of a schema this version knows.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { DEFAULT_DATABASE_URL, providerOf, sqlitePath } from "../lib/server/database-url";

const ROOT = join(import.meta.dirname, "..");

export class Refusal extends Error {}

/** The embedded database's file, or a refusal naming the PostgreSQL tools when DATABASE_URL is PostgreSQL. */
export function databaseFile(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  if (providerOf(url) === "postgresql") {
    throw new Refusal("DATABASE_URL names PostgreSQL: back it up with pg_dump and restore with pg_restore (see docs/OPERATIONS.md).");
  }
  return resolve(ROOT, sqlitePath(url));
}

/** The migrations this version of Scopeward knows, by name. */
function knownMigrations(): Set<string> {
  return new Set(
    readdirSync(join(ROOT, "prisma", "migrations"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name),
  );
}

/**
 * Checks a database file: readable, intact, and made by this version's migrations or older ones.
 * Returns how many migrations it holds and the newest.
 */
export function checkDatabase(file: string): { migrations: number; newest: string } {
  if (!existsSync(file)) throw new Refusal(`${file} does not exist.`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Refusal(`${file} cannot be opened as a database: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const integrity = readIntegrity(db, file);
    if (integrity !== "ok") throw new Refusal(`${file} is damaged (integrity check: ${integrity}).`);
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!hasMigrations) throw new Refusal(`${file} is not a Scopeward database: it has no migration history.`);
    const applied = db
      .prepare("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name")
      .all();
    const names = applied.flatMap((row) => (row && typeof row === "object" && "name" in row && typeof row.name === "string" ? [row.name] : []));
    const known = knownMigrations();
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Refusal(
        `${file} comes from a newer version of Scopeward (its migration ${unknown[0]} is unknown here). Upgrade this installation first, then restore.`,
      );
    }
    return { migrations: names.length, newest: names.at(-1) ?? "none" };
  } finally {
    db.close();
  }
}

function readIntegrity(db: Database.Database, file: string): string {
  try {
    const row = db.prepare("PRAGMA quick_check").get();
    return row && typeof row === "object" && "quick_check" in row ? String(row.quick_check) : "no answer";
  } catch (error) {
    throw new Refusal(`${file} is not a SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs a command's body and turns a refusal into a message and exit code 1. */
export async function asCommand(body: () => Promise<void>) {
  try {
    await body();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    console.error(`[scopeward] ${error.message}`);
    process.exit(1);
  }
}
