// Reading cells of spreadsheet-made CSV files: what Excel, Numbers and LibreOffice write for
// dates and yes/no, read as they meant it, or refused with words that say what to write instead.

// Excel counts days from 1899-12-30 (its 1900 leap-year bug included); a cell it formats as a
// number, e.g. 46388, is such a day count. Anything past 2958465 (9999-12-31) is not a date.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const MAX_SERIAL = 2_958_465;

export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

/** A date: ISO (2026-12-31, or with a time and zone), or an Excel serial day; "" is no date. */
export function dateCell(field: string, raw: string): Cell<Date | undefined> {
  const value = raw.trim();
  if (value === "") return { ok: true, value: undefined };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00.000Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)) return { ok: true, value: date };
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const date = new Date(value.replace(" ", "T"));
    if (!Number.isNaN(date.getTime())) return { ok: true, value: date };
  } else if (/^\d+(\.\d+)?$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_SERIAL) {
    return { ok: true, value: new Date(EXCEL_EPOCH + Math.round(Number(value) * 86_400_000)) };
  }
  return {
    ok: false,
    message: `${field}: "${value}" is not a date. Write it as YYYY-MM-DD (e.g. 2026-12-31), or format the column as a date in the spreadsheet.`,
  };
}

const YES = new Set(["true", "yes", "y", "1", "on"]);
const NO = new Set(["false", "no", "n", "0", "off", ""]);

/** Yes or no, however a spreadsheet spells it (TRUE, yes, 1…); "" is no. */
export function yesNoCell(field: string, raw: string): Cell<boolean> {
  const value = raw.trim().toLowerCase();
  if (YES.has(value)) return { ok: true, value: true };
  if (NO.has(value)) return { ok: true, value: false };
  return { ok: false, message: `${field}: "${raw.trim()}" is neither yes nor no (write TRUE or FALSE).` };
}

/** One of a closed set, written in any case; "" is the default. */
export function choiceCell<T extends string>(field: string, raw: string, choices: readonly T[], fallback: T): Cell<T> {
  const value = raw.trim().toUpperCase();
  if (value === "") return { ok: true, value: fallback };
  const found = choices.find((c) => c === value);
  return found ? { ok: true, value: found } : { ok: false, message: `${field}: "${raw.trim()}" is not one of ${choices.join(", ")}.` };
}
