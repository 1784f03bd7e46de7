// `npm run bench:lighthouse`: Lighthouse (mobile: emulated phone, simulated slow 4G and CPU) on
// the console's main pages, signed in, against a running production server with the demo
// organisation. Not a test: it never fails the build. One row per page goes to the "lighthouse"
// entry of bench/results.json, next to the database benchmarks.
//
//   LIGHTHOUSE_URL   the server (default http://127.0.0.1:3000), started with `npm start`
//   DEMO_PASSWORD    the demo users' password the server was seeded with
//   LIGHTHOUSE_RUNS  runs per page whose performance has a target (default 3; the median is kept)
//
// Lighthouse runs through npx (as a dependency in package.json it breaks installs: two of its
// own dependencies ask for "latest") and drives the same Chromium as the end-to-end tests.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { chromium } from "@playwright/test";
import { z } from "zod";

const run = promisify(execFile);
const BASE = (process.env.LIGHTHOUSE_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const PASSWORD = process.env.DEMO_PASSWORD;
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const CHROME = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LIGHTHOUSE = "lighthouse@12.8.2";

// Pages whose mobile performance has a target (issue: the reviewer's and executive's pages),
// then the other main pages, held to accessibility and best practices only.
const PERFORMANCE_PAGES = ["/dashboard", "/dashboard/agents", "/reviews/inbox", "/reviews/:campaign"];
const OTHER_PAGES = ["/work", "/dashboard/tokens", "/dashboard/scopes", "/apis", "/consumers", "/grants", "/findings", "/requests", "/reviews", "/audit"];
const TARGET = { performance: 90, accessibility: 100, bestPractices: 100 };

const report = z.object({
  categories: z.object({
    performance: z.object({ score: z.number().nullable() }),
    accessibility: z.object({ score: z.number().nullable() }),
    "best-practices": z.object({ score: z.number().nullable() }),
  }),
  audits: z.record(z.string(), z.object({ numericValue: z.number().optional() })),
});
type Scores = { performance: number; accessibility: number; bestPractices: number; tbtMs: number; lcpMs: number };

/** The owner sees every page measured (a queue, dashboards, lists); the session cookie is all Lighthouse needs. */
async function signedInCookie(): Promise<{ cookie: string; campaignPath: string }> {
  if (!PASSWORD) throw new Error("Set DEMO_PASSWORD to the password the server's demo users were seeded with.");
  const browser = await chromium.launch({ executablePath: CHROME, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Email").fill("owner@scopeward.test");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 30_000 });
    await page.goto(`${BASE}/reviews`);
    const href = await page.locator('table a[href^="/reviews/c"]').first().getAttribute("href");
    const cookies = await page.context().cookies();
    return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "), campaignPath: href ?? "/reviews" };
  } finally {
    await browser.close();
  }
}

async function lighthouse(url: string, cookie: string): Promise<Scores> {
  const dir = mkdtempSync(join(tmpdir(), "scopeward-lighthouse-"));
  const out = join(dir, "report.json");
  try {
    await run(
      "npx",
      [
        "-y",
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        `--output-path=${out}`,
        "--only-categories=performance,accessibility,best-practices",
        `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
      ],
      { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
    );
    const r = report.parse(JSON.parse(readFileSync(out, "utf8")));
    const score = (s: number | null) => Math.round((s ?? 0) * 100);
    return {
      performance: score(r.categories.performance.score),
      accessibility: score(r.categories.accessibility.score),
      bestPractices: score(r.categories["best-practices"].score),
      tbtMs: Math.round(r.audits["total-blocking-time"]?.numericValue ?? 0),
      lcpMs: Math.round(r.audits["largest-contentful-paint"]?.numericValue ?? 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[values.length >> 1] ?? 0;

async function main() {
  const { cookie, campaignPath } = await signedInCookie();
  const rows: Record<string, unknown>[] = [];
  for (const path of [...PERFORMANCE_PAGES, ...OTHER_PAGES]) {
    const withPerformance = PERFORMANCE_PAGES.includes(path);
    const resolved = path === "/reviews/:campaign" ? campaignPath : path;
    const runs: Scores[] = [];
    for (let i = 0; i < (withPerformance ? RUNS : 1); i++) runs.push(await lighthouse(`${BASE}${resolved}`, cookie));
    const performance = median(runs.map((r) => r.performance));
    const accessibility = Math.min(...runs.map((r) => r.accessibility));
    const bestPractices = Math.min(...runs.map((r) => r.bestPractices));
    const met = accessibility >= TARGET.accessibility && bestPractices >= TARGET.bestPractices && (!withPerformance || performance >= TARGET.performance);
    const row = {
      name: `Lighthouse mobile: ${path}`,
      performance,
      accessibility,
      bestPractices,
      target: withPerformance ? "performance ≥ 90, accessibility 100, best practices 100" : "accessibility 100, best practices 100",
      met,
      note: `median of ${runs.length}; total blocking time ${median(runs.map((r) => r.tbtMs))} ms, largest contentful paint ${median(runs.map((r) => r.lcpMs))} ms`,
    };
    rows.push(row);
    console.log(
      `${row.name}: performance ${performance}, accessibility ${accessibility}, best practices ${bestPractices} (${row.note})${met ? "" : " — target missed"}`,
    );
  }
  const file = "bench/results.json";
  const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  mkdirSync("bench", { recursive: true });
  writeFileSync(file, JSON.stringify({ ...earlier, lighthouse: { measuredAt: new Date().toISOString(), server: BASE, rows } }, null, 2) + "\n");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
