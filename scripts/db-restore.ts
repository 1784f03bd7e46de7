// `npm run db:restore -- FILE`: puts a backup made by db:backup in place of the embedded
// database. The database it replaces is kept beside it first, so a restore loses nothing.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { otherInstances } from "./build-state";
import { Refusal, asCommand, checkDatabase, databaseFile } from "./sqlite-file";

const ROOT = join(import.meta.dirname, "..");

/** Copies one database into another through SQLite's backup API, which also clears the target's log. */
async function copyDatabase(from: string, to: string) {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
}

await asCommand(async () => {
  const given = process.argv[2];
  if (!given) throw new Refusal("Usage: npm run db:restore -- FILE");
  const backup = resolve(given);
  const { migrations, newest } = checkDatabase(backup);
  const target = databaseFile();
  const serving = otherInstances(ROOT).find((instance) => instance.database === target);
  if (serving) {
    throw new Refusal(`The console (process ${serving.pid}${serving.port ? `, port ${serving.port}` : ""}) has ${target} open. Stop it, then restore.`);
  }
  if (existsSync(target)) {
    const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await copyDatabase(target, kept);
    console.log(`[scopeward] Kept the database being replaced as ${kept}.`);
  }
  await copyDatabase(backup, target);
  checkDatabase(target);
  console.log(`[scopeward] Restored ${backup} to ${target} (${migrations} migrations, newest ${newest}).`);
  console.log("[scopeward] Migrations newer than the backup are applied at the next npm start.");
});
