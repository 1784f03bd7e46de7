// `npm start`: validate settings, apply migrations, seed the demo organisation when the
// database is empty, build when the sources changed since the last build, and serve.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { providerOf, sqlitePath } from "../lib/server/database-url";
import { otherInstances, rebuildBlocker, register, sourceFingerprint } from "./build-state";

const ROOT = join(import.meta.dirname, "..");

function log(message: string) {
  console.log(`[scopeward] ${message}`);
}

/** A generated AUTH_SECRET kept beside the embedded database, so sessions survive restarts. */
function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  const file = join(ROOT, "data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(join(ROOT, "data"), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
    log("Generated AUTH_SECRET in data/auth-secret (set AUTH_SECRET to use your own).");
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

/** Builds when the sources' content changed since the last build, unless another instance would lose its files. */
function buildIfStale(database: string) {
  const stamp = join(ROOT, ".next", "scopeward-source");
  const fingerprint = sourceFingerprint(ROOT);
  const upToDate = existsSync(join(ROOT, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint;
  // Recorded before looking, so that two starts at once see each other and neither builds under the other.
  register(ROOT, upToDate ? "serving" : "building", null, database);
  const others = otherInstances(ROOT);
  const building = others.filter((other) => other.state === "building");
  if (upToDate && building.length === 0) {
    log("Production build is up to date.");
    return;
  }
  const blocker = rebuildBlocker(upToDate ? building : others);
  if (blocker) {
    console.error(`[scopeward] ${blocker}`);
    process.exit(1);
  }
  log("Building the production bundle…");
  execFileSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit" });
  writeFileSync(stamp, fingerprint);
}

async function main() {
  ensureAuthSecret();
  process.env.AUTH_TRUST_HOST ??= "true";
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  const { env } = await import("../lib/server/env");
  let settings;
  try {
    settings = env();
  } catch (error) {
    console.error(`[scopeward] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  log("Applying database migrations…");
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const { db } = await import("../lib/server/db");
  const { seedDemo } = await import("../prisma/seed/demo");
  if ((await db.user.count()) === 0) {
    log("Empty database: seeding the demo organisation…");
    const result = await seedDemo(db, { password: settings.DEMO_PASSWORD });
    log(`Seeded: ${result.reason}.`);
  }
  await db.$disconnect();
  const database = providerOf(settings.DATABASE_URL) === "sqlite" ? resolve(ROOT, sqlitePath(settings.DATABASE_URL)) : settings.DATABASE_URL;
  buildIfStale(database);
  register(ROOT, "serving", settings.PORT, database);
  log(`Serving on http://localhost:${settings.PORT}`);
  const children = [spawn("npx", ["next", "start", "-p", String(settings.PORT), ...process.argv.slice(2)], { cwd: ROOT, stdio: "inherit", env: process.env })];
  if (settings.DECISIONS_PORT) {
    log(`Decision point on port ${settings.DECISIONS_PORT} (${settings.DECISIONS_WORKERS} process${settings.DECISIONS_WORKERS > 1 ? "es" : ""})`);
    children.push(spawn("npx", ["tsx", "scripts/decision-point.ts"], { cwd: ROOT, stdio: "inherit", env: process.env }));
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => children.forEach((child) => child.kill(signal)));
  // Both or neither: when one stops, the other is stopped too.
  for (const child of children) {
    child.on("exit", (code) => {
      children.forEach((other) => other !== child && other.kill("SIGTERM"));
      process.exit(code ?? 0);
    });
  }
}

void main();
