// What an audit event changed, field by field: the fields whose value differs between the
// record before and after, so an auditor reads the change instead of two JSON documents.

export type FieldChange = { field: string; before: string; after: string };

const shown = (value: unknown): string => (value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The fields that differ, in a stable order; a value that is not a record counts as the field "value". */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const from = isRecord(before) ? before : before == null ? {} : { value: before };
  const to = isRecord(after) ? after : after == null ? {} : { value: after };
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return fields
    .filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => ({ field, before: shown(from[field]), after: shown(to[field]) }));
}
