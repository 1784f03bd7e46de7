// CSV export of a list, streamed in batches so a large export never sits in memory whole.
import Papa from "papaparse";
import { type Ctx } from "@/lib/server/authz";
import { currentUser } from "@/lib/server/session";
import { reachOf } from "@/lib/server/permissions";
import { AppError, HTTP_STATUS } from "@/lib/server/errors";
import { firstValues } from "./params";

export type CsvColumns<T> = [header: string, value: (row: T) => string | number | boolean | null | undefined][];

/** Cells that a spreadsheet would run as a formula are prefixed with a quote. */
function safeCell(value: string | number | boolean | null | undefined): string {
  const text = value == null ? "" : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvStream<T>(rows: AsyncIterable<T>, columns: CsvColumns<T>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(Papa.unparse([columns.map(([header]) => header)]) + "\r\n"));
      }
      const batch: string[][] = [];
      while (batch.length < 500) {
        const next = await iterator.next();
        if (next.done) break;
        batch.push(columns.map(([, value]) => safeCell(value(next.value))));
      }
      if (batch.length) controller.enqueue(encoder.encode(Papa.unparse(batch, { header: false }) + "\r\n"));
      if (batch.length < 500) controller.close();
    },
  });
}

/**
 * A route handler that exports one list as CSV: the caller's session, the same search
 * params as the page, and the list's own export query (which checks permissions).
 */
/**
 * A list's CSV export. Exporting is its own permission (report.export in the permission
 * table): those who hold it for "own" records get the list narrowed by `own` to theirs, and a
 * list without a notion of "own" is refused to them; anyone without it is refused.
 */
export function csvRoute<P, T>(
  filename: string,
  parse: (params: Record<string, string>) => P,
  rows: (ctx: Ctx, params: P) => AsyncIterable<T>,
  columns: CsvColumns<T>,
  own?: (ctx: Ctx, params: P) => P,
) {
  return async function GET(request: Request): Promise<Response> {
    const ctx = await currentUser();
    if (!ctx) return new Response("Sign in to export.", { status: 401 });
    const reach = reachOf(ctx.roles, "report.export");
    if (!reach || (reach === "own" && !own)) return new Response("Your roles do not allow exporting this list.", { status: 403 });
    const asked = parse(firstValues(Object.fromEntries(new URL(request.url).searchParams)));
    const params = reach === "own" && own ? own(ctx, asked) : asked;
    try {
      const stream = csvStream(rows(ctx, params), columns);
      const stamp = new Date().toISOString().slice(0, 10);
      return new Response(stream, {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${filename}-${stamp}.csv"`,
          "Cache-Control": "no-store",
        },
      });
    } catch (error) {
      if (error instanceof AppError) return new Response(error.message, { status: HTTP_STATUS[error.code] });
      throw error;
    }
  };
}
