// Part of `npm run bench` (scripts/bench.ts runs it in a process of its own): a large CSV import
// through the console's import route while other people sign in and open pages, in Chromium, on
// a running server. Prints how long each sign-in and page took while the import ran, and how long
// the import took. The imported consumers are removed afterwards.
//
//   BENCH_SERVER_URL=http://127.0.0.1:3000 BENCH_PASSWORD=<admin@'s password> npx tsx scripts/import-load.ts [rows]
import { chromium, type Browser, type Page } from "@playwright/test";
import { z } from "zod";
import { db } from "../lib/server/db";

const EMAIL = process.env.BENCH_EMAIL ?? "admin@scopeward.test";
const PAGES = ["/dashboard", "/consumers", "/grants", "/reviews"];

async function signIn(browser: Browser, base: string, password: string): Promise<{ page: Page; ms: number }> {
  const page = await (await browser.newContext({ baseURL: base })).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(password);
  const started = performance.now();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/(work|dashboard)$/, { waitUntil: "domcontentloaded", timeout: 120_000 });
  return { page, ms: Math.round(performance.now() - started) };
}

async function main() {
  const base = process.env.BENCH_SERVER_URL;
  const password = process.env.BENCH_PASSWORD;
  if (!base || !password) throw new Error("Set BENCH_SERVER_URL and BENCH_PASSWORD");
  const rows = Number(process.argv[2] ?? 19_000);
  const team = (await db.team.findFirstOrThrow({ orderBy: { name: "asc" }, select: { name: true } })).name;
  const prefix = `import-load-${Date.now().toString(36)}`;
  const csv = [
    "name,kind,environment,team,description",
    ...Array.from({ length: rows }, (_, i) => `${prefix}-${i},SERVICE,STAGING,${team},bench row ${i}`),
  ].join("\n");

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  const signIns: number[] = [];
  const pages: number[] = [];
  try {
    const { page: importer } = await signIn(browser, base, password);
    const started = performance.now();
    const answer: unknown = await importer.evaluate(async (body) => {
      const response = await fetch("/import/csv?kind=consumers&apply=1", { method: "POST", body, headers: { "Content-Type": "text/csv;charset=utf-8" } });
      return response.json();
    }, csv);
    const job = z.object({ id: z.string() }).parse(answer);
    const finished = async () => {
      const { status } = await db.csvImportJob.findUniqueOrThrow({ where: { id: job.id }, select: { status: true } });
      return ["CHECKED", "IMPORTED", "FAILED", "UNDONE"].includes(status) ? status : null;
    };
    let outcome: string | null = null;
    // Someone signs in and walks through the console, again and again, until the import is done.
    while (!(outcome = await finished())) {
      const visitor = await signIn(browser, base, password);
      signIns.push(visitor.ms);
      for (const path of PAGES) {
        const at = performance.now();
        await visitor.page.goto(path, { waitUntil: "domcontentloaded", timeout: 120_000 });
        pages.push(Math.round(performance.now() - at));
      }
      await visitor.page.context().close();
    }
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(JSON.stringify({ rows, outcome, seconds, signIns, pages }) + "\n");
  } finally {
    await browser.close();
    // The bench leaves the organisation as it found it (the import's audit events stay: the log is append-only).
    await db.consumer.deleteMany({ where: { name: { startsWith: `${prefix}-` } } });
    await db.$disconnect();
  }
}

void main();
