// Charts as people see them: every series in a colour of its own (never the browser's default
// black), a legend that matches, and no page wider than the screen, on a desktop and a phone.
import { type Page, expect, test } from "@playwright/test";
import { storageStateOf } from "./fixtures";

test.use({ storageState: storageStateOf("exec") });

const CHART_PAGES = ["/dashboard", "/dashboard/tokens", "/dashboard/scopes", "/dashboard/agents"];

/** Per chart on the page: the fill of each series' bars and of each legend swatch. */
async function chartColours(page: Page) {
  // A chart is drawn once it comes near the screen: bring each one into view first.
  for (const figure of await page
    .locator("figure")
    .filter({ has: page.getByRole("button", { name: "Show as table" }) })
    .all()) {
    await figure.scrollIntoViewIfNeeded();
    await expect(figure.locator(".recharts-wrapper")).toBeVisible();
  }
  return page.locator("figure .recharts-wrapper").evaluateAll((charts) =>
    charts.map((chart) => ({
      series: [...chart.querySelectorAll(".recharts-bar")].map((bar) => {
        const fills = [...bar.querySelectorAll(".recharts-rectangle")].map((shape) => getComputedStyle(shape).fill);
        return [...new Set(fills)];
      }),
      legend: [...chart.querySelectorAll(".recharts-legend-item .recharts-surface path")].map((swatch) => getComputedStyle(swatch).fill),
    })),
  );
}

const BLACK = ["rgb(0, 0, 0)", "none", ""];

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`charts have a colour per series and pages fit the screen at ${viewport.width} px`, async ({ page }) => {
    await page.setViewportSize(viewport);
    for (const path of CHART_PAGES) {
      await page.goto(path);
      const charts = await chartColours(page);
      expect(charts.length, path).toBeGreaterThan(0);
      for (const chart of charts) {
        // Each series draws in one colour of its own, and none is black.
        const seriesColours = chart.series.filter((fills) => fills.length > 0);
        for (const fills of seriesColours) {
          expect(fills, path).toHaveLength(1);
          expect(BLACK, path).not.toContain(fills[0]);
        }
        const distinct = new Set(seriesColours.map((fills) => fills[0]));
        expect(distinct.size, path).toBe(seriesColours.length);
        // The legend shows the same colours as the bars.
        for (const swatch of chart.legend) expect(BLACK, path).not.toContain(swatch);
        for (const colour of distinct) expect(chart.legend, path).toContain(colour);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });
}
