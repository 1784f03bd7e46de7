// `npm run db:backup -- FILE`: a consistent copy of the embedded database, taken with SQLite's
// online backup API, so the console may keep running and writing meanwhile.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { Refusal, asCommand, checkDatabase, databaseFile } from "./sqlite-file";

await asCommand(async () => {
  const target = process.argv[2];
  if (!target) throw new Refusal("Usage: npm run db:backup -- FILE");
  const file = resolve(target);
  if (existsSync(file)) throw new Refusal(`${file} already exists: name a new file, so no earlier backup is overwritten.`);
  const source = databaseFile();
  if (!existsSync(source)) throw new Refusal(`There is no database at ${source} to back up.`);
  // Written under another name and renamed when whole: a backup cut short never looks complete.
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  try {
    await db.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  const { migrations, newest } = checkDatabase(partial);
  renameSync(partial, file);
  console.log(`[scopeward] Backed up ${source} to ${file} (${migrations} migrations, newest ${newest}).`);
});
