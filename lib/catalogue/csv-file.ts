// Reading a CSV file of consumers, credentials or grants: its records, each with the line of the
// file it starts on. The columns are those of the console's CSV exports (names, not ids: a team by
// name, an owner by email, an API by name and environment), so an exported file imports back as
// "unchanged". csv-chunks.ts runs the records through the catalogue's commands; csv-jobs.ts
// follows a file from its check to its import.
import Papa from "papaparse";
import { z } from "zod";
import type { Ctx } from "@/lib/server/authz";
import { forbidden, invalid } from "@/lib/server/errors";
import { can } from "@/lib/server/permissions";
import type { csvPreviewSchema } from "./commands/finish-csv-import";
import { IMPORT_KINDS, type ImportKind } from "./csv-undo";
import type { CsvRow } from "./csv-rows";
import { MAX_CSV_BYTES } from "./upload-limits";

export const csvImportInput = z.strictObject({
  kind: z.enum(IMPORT_KINDS, { error: "Choose what the file holds" }),
  csv: z.string().min(1, "Attach a CSV file").max(MAX_CSV_BYTES, "The file is over 50 MB"),
});

/**
 * Refused before the file is read: an import creates consumers, credentials or grants, and
 * whoever may create none of them has no use for its preview either.
 */
export function requireCsvImporter(ctx: Ctx) {
  if (!(["consumer.create", "credential.create", "grant.create"] as const).some((action) => can(ctx.roles, action))) throw forbidden();
}

/** What a file does, row by row; a bad row is named by the line of the file it starts on. */
export type CsvPreview = z.infer<typeof csvPreviewSchema>;

const COLUMNS: Record<ImportKind, string[]> = {
  consumers: ["name", "kind", "environment", "team"],
  credentials: ["consumer", "label", "type"],
  grants: ["consumer", "api", "scopes", "justification"],
};
export const MAX_ROWS = 20_000;

const unguard = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

/** The file's records, each with the line of the file it starts on (a quoted cell may span lines). */
export type CsvRecord = { line: number; row: CsvRow };

export function parseCsv(csv: string, kind: ImportKind): CsvRecord[] {
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
  const records: CsvRecord[] = [];
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
