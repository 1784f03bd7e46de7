// CSV import of consumers, credentials and grants. The columns are those of the console's CSV
// exports (names, not ids: a team by name, an owner by email, an API by name and environment),
// so an exported file imports back as "unchanged". This module only translates a row into the
// input of a catalogue command; every row then runs through that command — the same
// validation, authorization and audit as a form or an API call — inside one transaction, each
// row behind a savepoint so a bad row is named by its line and leaves no trace. The preview is
// the same run, rolled back; the import commits only when every row succeeded.
import Papa from "papaparse";
import { z } from "zod";
import type { Ctx } from "@/lib/server/authz";
import { forgetHead } from "@/lib/audit/service";
import { inOneTransaction, refusal, type Nested } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import { AppError, forbidden, invalid } from "@/lib/server/errors";
import { can } from "@/lib/server/permissions";
import { parseInput } from "@/lib/server/validation";
import { consumerRows, credentialRows, grantRows, type CsvRow, type Outcome, type RowPlan } from "./csv-rows";

export const IMPORT_KINDS = ["consumers", "credentials", "grants"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const csvImportInput = z.strictObject({
  kind: z.enum(IMPORT_KINDS, { error: "Choose what the file holds" }),
  csv: z.string().min(1, "Attach a CSV file").max(50_000_000, "The file is over 50 MB"),
});

/** The largest file the import form takes, in bytes. */
export const MAX_CSV_BYTES = 50_000_000;

/**
 * Refused before the file is read: an import creates consumers, credentials or grants, and
 * whoever may create none of them has no use for its preview either.
 */
export function requireCsvImporter(ctx: Ctx) {
  if (!(["consumer.create", "credential.create", "grant.create"] as const).some((action) => can(ctx.roles, action))) throw forbidden();
}

// A bad row is named by the line of the file it starts on.
type RowError = { line: number; messages: string[] };
export type CsvPreview = { kind: ImportKind; rows: number; create: number; update: number; unchanged: number; errors: RowError[] };

const COLUMNS: Record<ImportKind, string[]> = {
  consumers: ["name", "kind", "environment", "team"],
  credentials: ["consumer", "label", "type"],
  grants: ["consumer", "api", "scopes", "justification"],
};
const MAX_ROWS = 20_000;

const unguard = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

/** The file's records, each with the line of the file it starts on (a quoted cell may span lines). */
function parseCsv(csv: string, kind: ImportKind) {
  // A file saved as Excel's plain "CSV" on Windows is Windows-1252; read as UTF-8, its é and ü become
  // U+FFFD. The console's form reads such files as they are; anything else is refused rather than stored garbled.
  if (csv.includes("\uFFFD")) {
    throw invalid("Some fields need attention.", {
      csv: [
        'The file is not UTF-8: some characters cannot be read. Save it as "CSV UTF-8" (Excel) or UTF-8 (other spreadsheets), or choose it in the console\'s import page, which also reads Windows-1252.',
      ],
    });
  }
  const text = csv.replace(/^\uFEFF/, "");
  const records: { line: number; row: CsvRow }[] = [];
  let fields: string[] = [];
  let start = 0;
  let scanned = 0;
  let line = 1;
  // Row by row with the parser's position, so each record knows the line it starts on.
  Papa.parse<string[]>(text, {
    skipEmptyLines: "greedy",
    step: (result) => {
      const cells = result.data;
      if (!fields.length) {
        fields = cells.map((c) => c.trim());
        start = result.meta.cursor;
        return;
      }
      // The record starts at the first character after the previous one that is not a line break.
      while (start < text.length && (text[start] === "\n" || text[start] === "\r")) start++;
      for (; scanned < start; scanned++) if (text[scanned] === "\n") line++;
      // Exports guard formula-like cells with a leading quote; take it back off.
      const row = Object.fromEntries(fields.map((field, i) => [field, unguard(cells[i] ?? "")]));
      records.push({ line, row });
      start = result.meta.cursor;
    },
  });
  if (!fields.length) throw invalid("Some fields need attention.", { csv: ["The file has no header row"] });
  const missing = COLUMNS[kind].filter((c) => !fields.includes(c));
  if (missing.length) throw invalid("Some fields need attention.", { csv: [`Missing ${missing.length === 1 ? "column" : "columns"}: ${missing.join(", ")}`] });
  if (records.length === 0) throw invalid("Some fields need attention.", { csv: ["The file has a header but no rows"] });
  if (records.length > MAX_ROWS) throw invalid("Some fields need attention.", { csv: [`At most ${MAX_ROWS.toLocaleString("en")} rows per file`] });
  return records;
}

/** A row run through its command behind a savepoint: what it did, or why it could not. */
async function runRow(ctx: Ctx, nested: Nested, plan: RowPlan): Promise<Outcome | string[]> {
  if ("messages" in plan) return plan.messages;
  const { tx } = nested;
  await tx.$executeRawUnsafe("SAVEPOINT csv_row");
  try {
    const outcome = await plan.run(ctx, nested);
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT csv_row");
    return outcome;
  } catch (error) {
    const known = error instanceof AppError ? error : refusal(error);
    if (!known) throw error;
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT csv_row");
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT csv_row");
    forgetHead(tx);
    return messagesOf(known);
  }
}

function messagesOf(error: AppError): string[] {
  const fields = Object.entries(error.fieldErrors ?? {});
  return fields.length ? fields.map(([field, list]) => `${field}: ${list.join(" ")}`) : [error.message];
}

const PLANNERS: Record<ImportKind, (tx: Tx, rows: CsvRow[]) => Promise<RowPlan[]>> = {
  consumers: consumerRows,
  credentials: credentialRows,
  grants: grantRows,
};

// Thrown to end the transaction of a preview (or of a file with a bad row) without committing.
class RolledBack extends Error {
  constructor(readonly preview: CsvPreview) {
    super("rolled back");
  }
}

async function importFile(caller: Ctx, raw: unknown, commit: boolean): Promise<CsvPreview> {
  requireCsvImporter(caller);
  const { kind, csv } = parseInput(csvImportInput, raw);
  // The audit tells which changes came in by file.
  const ctx: Ctx = { ...caller, actor: { ...caller.actor, label: `${caller.actor.label} via CSV import` } };
  const records = parseCsv(csv, kind);
  try {
    return await inOneTransaction(
      async (nested) => {
        const plans = await PLANNERS[kind](
          nested.tx,
          records.map((r) => r.row),
        );
        const preview: CsvPreview = { kind, rows: records.length, create: 0, update: 0, unchanged: 0, errors: [] };
        for (const [i, plan] of plans.entries()) {
          const outcome = await runRow(ctx, nested, plan);
          // Plans come one per record, in order.
          if (Array.isArray(outcome)) preview.errors.push({ line: records[i]?.line ?? i + 2, messages: outcome });
          else preview[outcome]++;
        }
        if (!commit || preview.errors.length) throw new RolledBack(preview);
        return preview;
      },
      { timeout: 300_000 },
    );
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    if (!commit) return error.preview;
    const { errors } = error.preview;
    throw invalid(
      `Nothing was imported: ${errors.length === 1 ? "1 row needs" : `${errors.length} rows need`} attention.`,
      Object.fromEntries(errors.map((e) => [`line ${e.line}`, e.messages])),
    );
  }
}

/** What the file would do, row by row, and every bad row by line; writes nothing. */
export async function previewCsvImport(ctx: Ctx, raw: unknown): Promise<CsvPreview> {
  return importFile(ctx, raw, false);
}

/** Writes the whole file in one transaction, or nothing if any row is bad. */
export async function applyCsvImport(ctx: Ctx, raw: unknown): Promise<CsvPreview> {
  return importFile(ctx, raw, true);
}

export const CSV_KIND_LABELS: Record<ImportKind, string> = { consumers: "Consumers", credentials: "Credentials", grants: "Grants" };
