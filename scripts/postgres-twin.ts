// Keeps the PostgreSQL twin of the schema and both migration histories in step
// with prisma/schema.prisma, the single source.
//
//   npm run db:migration -- <name>   new migration for SQLite and PostgreSQL from the schema change
//   npm run db:twin -- --check       exit 1 when the twin or a migration has drifted from the source
//
// The twin is the source with provider and client output swapped. The last
// generated twin doubles as the record of the schema the migrations reach, so a
// new migration is the datamodel diff from it to the source, for each database.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const ROOT = join(import.meta.dirname, "..");
export const SOURCE = join(ROOT, "prisma/schema.prisma");
export const TWIN = join(ROOT, "prisma/postgres/schema.prisma");
export const SQLITE_MIGRATIONS = join(ROOT, "prisma/migrations");
export const PG_MIGRATIONS = join(ROOT, "prisma/postgres/migrations");

const TWIN_HEADER = "// GENERATED from prisma/schema.prisma by scripts/postgres-twin.ts. Do not edit.\n";

export function deriveTwin(source: string): string {
  const twin = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output          = "../lib/generated/prisma"', 'output          = "../../lib/generated/prisma-pg"');
  if (twin === source) throw new Error("schema.prisma: datasource provider or generator output not found");
  return TWIN_HEADER + twin;
}

/** Back from the twin to the SQLite datamodel it was generated from. */
function untwin(twin: string): string {
  return twin
    .replace(TWIN_HEADER, "")
    .replace('provider = "postgresql"', 'provider = "sqlite"')
    .replace('output          = "../../lib/generated/prisma-pg"', 'output          = "../lib/generated/prisma"');
}

export function migrationNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Problems that make the twin differ from the source; empty when in step. */
export function driftProblems(): string[] {
  const problems: string[] = [];
  const expected = deriveTwin(readFileSync(SOURCE, "utf8"));
  const actual = existsSync(TWIN) ? readFileSync(TWIN, "utf8") : "";
  if (expected !== actual) {
    problems.push("prisma/postgres/schema.prisma differs from prisma/schema.prisma: run `npm run db:migration -- <name>`");
  }
  const sqlite = migrationNames(SQLITE_MIGRATIONS);
  const pg = migrationNames(PG_MIGRATIONS);
  if (sqlite.join() !== pg.join()) {
    problems.push(`migration histories differ: SQLite [${sqlite.join(", ")}] vs PostgreSQL [${pg.join(", ")}]`);
  }
  return problems;
}

function diff(from: string | null, to: string): string {
  const dir = join(tmpdir(), `scopeward-twin-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const toFile = join(dir, "to.prisma");
  writeFileSync(toFile, to);
  const fromArgs = from === null ? ["--from-empty"] : ["--from-schema-datamodel", join(dir, "from.prisma")];
  if (from !== null) writeFileSync(join(dir, "from.prisma"), from);
  try {
    return execFileSync("npx", ["prisma", "migrate", "diff", ...fromArgs, "--to-schema-datamodel", toFile, "--script"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function createMigration(name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: lower-case letters, digits and _ only");
  const source = readFileSync(SOURCE, "utf8");
  const previousTwin = existsSync(TWIN) ? readFileSync(TWIN, "utf8") : null;
  const twin = deriveTwin(source);
  if (previousTwin === twin) {
    console.log("No schema change since the last migration.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  const sqliteSql = diff(previousTwin && untwin(previousTwin), source);
  const pgSql = diff(previousTwin, twin);
  for (const [dir, sql, provider] of [
    [SQLITE_MIGRATIONS, sqliteSql, "sqlite"],
    [PG_MIGRATIONS, pgSql, "postgresql"],
  ] as const) {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, "migration.sql"), sql);
    writeFileSync(join(dir, "migration_lock.toml"), `provider = "${provider}"\n`);
  }
  writeFileSync(TWIN, twin);
  console.log(`Created ${folder} for SQLite and PostgreSQL.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [arg] = process.argv.slice(2);
  if (arg === "--check") {
    const problems = driftProblems();
    for (const problem of problems) console.error(problem);
    process.exit(problems.length ? 1 : 0);
  } else if (arg) {
    createMigration(arg);
  } else {
    console.error("usage: tsx scripts/postgres-twin.ts <migration_name> | --check");
    process.exit(2);
  }
}
