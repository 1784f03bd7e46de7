// What `npm start` needs to know before it builds: whether the sources changed since the last
// build, and whether another instance started from this folder is serving that build. A rebuild
// replaces `.next` in place, so building under a running instance breaks it (its pages ask for
// JavaScript chunks that no longer exist); it is refused instead.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { z } from "zod";

const SOURCE_DIRS = ["app", "components", "lib", "prisma", "types"];
const SOURCE_FILES = ["package-lock.json", "next.config.ts", "postcss.config.mjs", "tsconfig.json"];

/**
 * The build's inputs by content: an install that only touches modification times (or a fresh
 * clone) keeps the fingerprint, so it never causes a rebuild by itself.
 */
export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      if (path.endsWith("generated")) return;
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else {
      hash.update(relative(root, path)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  for (const entry of [...SOURCE_DIRS, ...SOURCE_FILES]) if (existsSync(join(root, entry))) visit(join(root, entry));
  return hash.digest("hex");
}

const instance = z.object({
  pid: z.number().int().positive(),
  state: z.enum(["building", "serving"]),
  port: z.number().int().nullable(),
  // The absolute path of the SQLite file it serves (or the PostgreSQL URL): db:restore refuses to
  // replace a database an instance has open.
  database: z.string(),
  since: z.string(),
});
export type Instance = z.infer<typeof instance>;

const instancesDir = (root: string) => join(root, "data", "instances");

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/** The other instances of this folder that are building or serving; records of dead ones are removed. */
export function otherInstances(root: string): Instance[] {
  const dir = instancesDir(root);
  if (!existsSync(dir)) return [];
  const found: Instance[] = [];
  for (const file of readdirSync(dir)) {
    const path = join(dir, file);
    const parsed = instance.safeParse(safeJson(path));
    if (!parsed.success || !alive(parsed.data.pid)) {
      rmSync(path, { force: true });
      continue;
    }
    if (parsed.data.pid !== process.pid) found.push(parsed.data);
  }
  return found;
}

function safeJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/** Records this process as building or serving from the folder's `.next`, until it exits. */
export function register(root: string, state: Instance["state"], port: number | null, database: string) {
  mkdirSync(instancesDir(root), { recursive: true });
  const path = join(instancesDir(root), `${process.pid}.json`);
  writeFileSync(path, JSON.stringify({ pid: process.pid, state, port, database, since: new Date().toISOString() } satisfies Instance));
  process.once("exit", () => rmSync(path, { force: true }));
}

/** Why a rebuild must wait, in words an operator can act on; null when nothing stands in its way. */
export function rebuildBlocker(others: Instance[]): string | null {
  const first = others[0];
  if (!first) return null;
  const what = first.state === "building" ? "is building it now" : `serves it${first.port ? ` on port ${first.port}` : ""}`;
  return (
    `The sources changed since the last production build, and another instance started from this folder ` +
    `(process ${first.pid}) ${what}. Rebuilding would replace the files it serves. Stop it and run npm start ` +
    `again, or run the second instance from a clone of its own.`
  );
}
