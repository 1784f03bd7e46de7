// A list's CSV export reads in batches that continue from the last row (keyset, not offset):
// for every order a user can pick, the export holds exactly the rows the list pages show, in
// the same order, across batch boundaries and through ties and empty values.
import { describe, expect, it } from "vitest";
import { exportApis, exportGrants, listApis, listGrants } from "@/lib/catalogue/queries";
import { apiListParams, grantListParams } from "@/lib/catalogue/schemas";
import { encodeCursor } from "@/lib/lists/keyset";
import { inBatches, type BatchWindow } from "@/lib/lists/where";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor } from "./helpers";

async function collect<T extends { id: string }>(rows: AsyncIterable<T>) {
  const ids: string[] = [];
  for await (const row of rows) ids.push(row.id);
  return ids;
}

/** Every page of a list, one after another. */
async function allPages(list: (page: number) => Promise<{ rows: { id: string }[]; total: number }>) {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const { rows, total } = await list(page);
    ids.push(...rows.map((row) => row.id));
    if (ids.length >= total || rows.length === 0) return ids;
  }
}

/** Every page of the grants list, each continuing from the last row of the one before. */
async function allGrantPages(ctx: Awaited<ReturnType<typeof ctxFor>>, params: Record<string, string>) {
  const ids: string[] = [];
  for (let page = 1, after: string | undefined; ; page++) {
    const list = await listGrants(ctx, grantListParams.parse({ ...params, page, pageSize: 100, after }));
    ids.push(...list.rows.map((row) => row.id));
    if (list.keyset ? !list.next : ids.length >= list.total.count || list.rows.length === 0) return ids;
    after = list.next && encodeCursor(list.next);
  }
}

describe("list exports", () => {
  const grantSorts = grantListParams.shape.sort.unwrap().removeCatch().options;
  it.each(
    grantSorts.flatMap((sort) => [
      { sort, dir: "asc" },
      { sort, dir: "desc" },
    ]),
  )("grants by $sort $dir: every row once, in the list's order", async ({ sort, dir }) => {
    const admin = await ctxFor(DEMO.admin);
    const listed = await allGrantPages(admin, { sort, dir });
    expect(listed.length).toBeGreaterThan(2_000);
    const exported = await collect(exportGrants(admin, grantListParams.parse({ sort, dir })));
    expect(exported).toEqual(listed);
  });

  it.each([
    { sort: "lastUsedAt", dir: "desc" },
    { sort: "expiresAt", dir: "asc" },
    { sort: "createdAt", dir: "desc" },
  ])("grants by $sort $dir: Previous from the last page walks back through the same pages", async ({ sort, dir }) => {
    const admin = await ctxFor(DEMO.admin);
    const forward: string[][] = [];
    let page = await listGrants(admin, grantListParams.parse({ sort, dir, pageSize: 100 }));
    forward.push(page.rows.map((row) => row.id));
    while (page.next) {
      page = await listGrants(admin, grantListParams.parse({ sort, dir, pageSize: 100, after: encodeCursor(page.next) }));
      forward.push(page.rows.map((row) => row.id));
    }
    const backward: string[][] = [page.rows.map((row) => row.id)];
    while (page.previous) {
      page = await listGrants(admin, grantListParams.parse({ sort, dir, pageSize: 100, before: encodeCursor(page.previous) }));
      backward.unshift(page.rows.map((row) => row.id));
    }
    // Every page back is full; the first one read backwards is the first page itself.
    expect(backward[0]).toEqual(forward[0]);
    expect(backward.flat().slice(-forward.at(-1)!.length)).toEqual(forward.at(-1));
    expect(new Set(backward.flat()).size).toBe(forward.flat().length);
  });

  it("APIs by their number of grants, an order of a relation's count", async () => {
    const admin = await ctxFor(DEMO.admin);
    const params = (page: number) => apiListParams.parse({ sort: "grants", dir: "desc", page, pageSize: 10 });
    expect(await collect(exportApis(admin, params(1)))).toEqual(await allPages((page) => listApis(admin, params(page))));
  });

  it("continues from the last row, so small batches give the same rows as one", async () => {
    const order = [{ lastUsedAt: { sort: "desc" as const, nulls: "last" as const } }, { id: "asc" as const }];
    const whole = (await db.grant.findMany({ orderBy: order, select: { id: true } })).map((row) => row.id);
    const windows: BatchWindow[] = [];
    const batched = await collect(
      inBatches((window) => {
        windows.push(window);
        return db.grant.findMany({ orderBy: order, select: { id: true }, ...window });
      }, 7),
    );
    expect(batched).toEqual(whole);
    // No batch re-reads the rows before it: after the first, each starts at a row.
    expect(windows.length).toBe(Math.ceil((whole.length + 1) / 7));
    expect(windows.slice(1).every((window) => "cursor" in window)).toBe(true);
  });
});
