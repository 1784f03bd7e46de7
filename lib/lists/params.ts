// Search-param parsing shared by every list: bad or missing values fall back to
// defaults instead of failing, so a hand-edited URL still shows a page.
import { z } from "zod";

export const PAGE_SIZES = [25, 50, 100] as const;

export const pageParams = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(10).max(100).catch(25).default(25),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
});

/** An optional enum filter: an unknown value means "no filter". */
export const optionalEnum = <T extends Record<string, string>>(values: T) => z.enum(values).optional().catch(undefined);

export const optionalId = z.string().trim().min(1).max(64).optional().catch(undefined);

export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };

export function pageWindow(params: { page: number; pageSize: number }) {
  return { skip: (params.page - 1) * params.pageSize, take: params.pageSize };
}

/** URLSearchParams-like record from Next's searchParams (first value of repeated keys). */
export function firstValues(searchParams: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") out[key] = first;
  }
  return out;
}

/** One page of a list and the total behind it, read in parallel. */
export async function paged<T>(
  params: { page: number; pageSize: number },
  rows: (window: { skip: number; take: number }) => Promise<T[]>,
  total: () => Promise<number>,
): Promise<Page<T>> {
  const [list, count] = await Promise.all([rows(pageWindow(params)), total()]);
  return { rows: list, total: count, page: params.page, pageSize: params.pageSize };
}
