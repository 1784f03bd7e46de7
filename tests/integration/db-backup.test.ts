// npm run db:backup / db:restore on the embedded database: a backup taken while the console writes
// is whole and consistent, a restore brings every row back and keeps what it replaced, and files
// that must not be restored are refused with a message and nothing changed.
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { recordUsage } from "@/lib/api/commands/record-usage";
import { systemCtx } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { sqlitePath } from "@/lib/server/database-url";
import { ROOT, engine } from "./databases";

const run = promisify(execFile);
const url = process.env.DATABASE_URL ?? "";
const live = engine === "sqlite" ? sqlitePath(url) : "";
const backups = join(dirname(live), `backups-${process.pid}`);

/** Runs an npm command of the project's on this test's database; resolves with its exit code and output. */
async function npmRun(script: string, file: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", `scripts/${script}.ts`, file], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** Every table's rows, by primary key or whole row, in a stable order. */
function contents(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, sqlite.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]));
  } finally {
    sqlite.close();
  }
}

const event = (n: number, consumer: string, api: string) => ({
  id: `backup-test-${String(n).padStart(6, "0")}`,
  occurredAt: "2026-11-01T00:00:00Z",
  consumer,
  api,
  kind: "api_call" as const,
});

afterAll(() => rmSync(backups, { recursive: true, force: true }));

// Each case starts the backup and restore commands as processes of their own, several times over.
describe.skipIf(engine !== "sqlite")("backing up and restoring the embedded database (SQLite only: PostgreSQL uses pg_dump)", { timeout: 120_000 }, () => {
  it("takes a consistent backup while the console writes, and restores every row", async () => {
    const grant = await db.grant.findFirstOrThrow({ where: { status: "ACTIVE" }, select: { consumerId: true, apiId: true } });
    const backupFile = join(backups, "under-writes.db");
    // The console keeps recording usage, one committed batch after another, for as long as the backup runs.
    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await runCommand(recordUsage, systemCtx("backup test"), { events: [event(written, grant.consumerId, grant.apiId)] });
        written++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const before = written;
    const backup = await npmRun("db-backup", backupFile);
    const during = written;
    writing = false;
    await writer;
    expect(backup.output).toContain("Backed up");
    expect(backup.code).toBe(0);
    expect(during).toBeGreaterThan(before);

    // Whole and consistent: every event committed before the backup began, then an unbroken run.
    const saved = contents(backupFile);
    const savedIds = (saved.UsageEvent as { id: string }[]).map((row) => row.id).filter((id) => id.startsWith("backup-test-"));
    expect(savedIds.length).toBeGreaterThanOrEqual(before);
    expect(savedIds).toEqual(Array.from({ length: savedIds.length }, (_, n) => event(n, "", "").id));
    expect(readdirSync(backups).filter((name) => name.endsWith(".partial"))).toEqual([]);

    // The console is stopped, more is written meanwhile by mistake, then the backup is restored.
    await db.$disconnect();
    const afterBackup = contents(live);
    expect((afterBackup.UsageEvent as unknown[]).length).toBeGreaterThan((saved.UsageEvent as unknown[]).length);
    const restore = await npmRun("db-restore", backupFile);
    expect(restore.output).toContain("Restored");
    expect(restore.code).toBe(0);
    expect(contents(live)).toEqual(saved);
    // What the restore replaced is kept beside it, whole.
    const kept = readdirSync(dirname(live)).find((name) => name.startsWith(`${live.split("/").pop()}.before-restore-`));
    expect(kept).toBeDefined();
    expect(contents(join(dirname(live), kept!))).toEqual(afterBackup);
    // And the console carries on with the restored data.
    expect(await db.usageEvent.count({ where: { id: { startsWith: "backup-test-" } } })).toBe(savedIds.length);
  });

  it("refuses a backup from a newer version, a damaged file and an existing target, changing nothing", async () => {
    const good = join(backups, "good.db");
    expect((await npmRun("db-backup", good)).code).toBe(0);
    const again = await npmRun("db-backup", good);
    expect(again.code).toBe(1);
    expect(again.output).toContain("already exists");

    const newer = join(backups, "newer.db");
    copyFileSync(good, newer);
    const sqlite = new Database(newer);
    sqlite
      .prepare(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('x', 'x', '29991231000000_from_the_future', 0, 0, 1)",
      )
      .run();
    sqlite.close();
    const damaged = join(backups, "damaged.db");
    writeFileSync(damaged, "SQLite format 3\0 but not really a database");

    await db.$disconnect();
    const unchanged = contents(live);
    const refusedNewer = await npmRun("db-restore", newer);
    expect(refusedNewer.code).toBe(1);
    expect(refusedNewer.output).toContain("29991231000000_from_the_future");
    expect(refusedNewer.output).toContain("newer version");
    const refusedDamaged = await npmRun("db-restore", damaged);
    expect(refusedDamaged.code).toBe(1);
    expect(refusedDamaged.output).toMatch(/not a SQLite database|cannot be opened|damaged/);
    // A console started from this folder (this test process stands in for it) has the database open.
    const record = join(ROOT, "data", "instances", `${process.pid}.json`);
    mkdirSync(dirname(record), { recursive: true });
    writeFileSync(record, JSON.stringify({ pid: process.pid, state: "serving", port: 3999, database: live, since: new Date().toISOString() }));
    try {
      const refusedServing = await npmRun("db-restore", good);
      expect(refusedServing.code).toBe(1);
      expect(refusedServing.output).toContain(`process ${process.pid}, port 3999) has ${live} open`);
    } finally {
      rmSync(record, { force: true });
    }
    const missing = await npmRun("db-restore", join(backups, "missing.db"));
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("does not exist");
    expect(contents(live)).toEqual(unchanged);
    expect(existsSync(join(backups, "missing.db"))).toBe(false);
  });
});

it("sends a PostgreSQL database to pg_dump", async () => {
  const result = await npmRun("db-backup", join(backups, "pg.db"), { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test" });
  expect(result.code).toBe(1);
  expect(result.output).toContain("pg_dump");
});
