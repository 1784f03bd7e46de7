// Keyset pagination over a date column that may be empty, with empty values last in either
// direction. A page continues from the last row shown ("after") or goes back from the first
// ("before") instead of skipping rows: page 4,000 costs what page 1 does. Each query below
// is one an index on (…filters, column, id) serves in order on both databases: rows with a
// value (the column's own order, then id) and, after them, rows without one (id order).
import { z } from "zod";

export type Dir = "asc" | "desc";

/** Where a page starts: the sort value and id of the row next to it. */
export type Cursor = { value: Date | null; id: string };

const cursorShape = z.tuple([z.iso.datetime().nullable(), z.string().min(1).max(64)]);

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value?.toISOString() ?? null, cursor.id])).toString("base64url");
}

/** A cursor from the URL; anything malformed means "the first page". */
export const cursorParam = z
  .string()
  .max(200)
  .optional()
  .transform((raw): Cursor | undefined => {
    if (!raw) return undefined;
    try {
      const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
      return parsed.success ? { value: parsed.data[0] === null ? null : new Date(parsed.data[0]), id: parsed.data[1] } : undefined;
    } catch {
      return undefined;
    }
  })
  .catch(undefined);

const flip = (dir: Dir): Dir => (dir === "asc" ? "desc" : "asc");

/**
 * One query of a page, told without a query language: rows whose value is present (or absent),
 * past a point of the order when `from` is given, read in `order`. The list turns it into its
 * own where and orderBy.
 */
export type Segment = {
  value: "present" | "absent";
  /** Rows past this row: by value, then id; by id alone among rows without a value. */
  from?: Cursor;
  /** Past means greater (ascending order) or less (descending). */
  past: "gt" | "lt";
  order: Dir;
};

/**
 * The queries that read the rows after a cursor (or, backwards, before it, nearest first),
 * in the order their rows come. Without a cursor: the first page.
 */
export function keysetSegments(nullable: boolean, dir: Dir, cursor?: Cursor, backwards = false): Segment[] {
  const order = backwards ? flip(dir) : dir;
  const segment = (value: Segment["value"], from?: Cursor): Segment => ({ value, from, past: order === "asc" ? "gt" : "lt", order });
  if (!nullable) return [segment("present", cursor)];
  if (!cursor) return backwards ? [segment("absent"), segment("present")] : [segment("present"), segment("absent")];
  if (cursor.value === null) return backwards ? [segment("absent", cursor), segment("present")] : [segment("absent", cursor)];
  return backwards ? [segment("present", cursor)] : [segment("present", cursor), segment("absent")];
}

/** A page read by keyset: its rows, where the next and previous pages start, and whether they exist. */
export type KeysetPage<T> = { rows: T[]; next?: Cursor; previous?: Cursor };

/**
 * Reads one page: the segments one after another until `take` rows (and one more, to know
 * whether a next page exists). Going back, a short read means the start was reached: the
 * first page is read instead, so "Previous" never shows a page shorter than the rest.
 */
export async function readKeyset<T extends { id: string }>(options: {
  segments: (cursor: Cursor | undefined, backwards: boolean) => Segment[];
  read: (segment: Segment, take: number) => Promise<T[]>;
  cursorOf: (row: T) => Cursor;
  take: number;
  after?: Cursor;
  before?: Cursor;
}): Promise<KeysetPage<T>> {
  const { segments, read, cursorOf, take, after, before } = options;
  const collect = async (list: Segment[]) => {
    const rows: T[] = [];
    for (const segment of list) {
      if (rows.length > take) break;
      rows.push(...(await read(segment, take + 1 - rows.length)));
    }
    return rows;
  };
  if (before && !after) {
    const back = await collect(segments(before, true));
    const rows = back.slice(0, take).reverse();
    const [first, last] = [rows.at(0), rows.at(-1)];
    if (back.length > take && first && last) return { rows, previous: cursorOf(first), next: cursorOf(last) };
  }
  const start = before && !after ? undefined : after;
  const rows = await collect(segments(start, false));
  const page = rows.slice(0, take);
  const [first, last] = [page.at(0), page.at(-1)];
  return {
    rows: page,
    next: rows.length > take && last ? cursorOf(last) : undefined,
    previous: start && first ? cursorOf(first) : undefined,
  };
}
