// The largest files the import forms take. Shared by the upload routes, which refuse a larger
// body with a 413 as it streams in, and the forms, which refuse the file when it is chosen
// rather than send megabytes only to hear no.

/** A CSV of consumers, credentials or grants, in bytes. */
export const MAX_CSV_BYTES = 50_000_000;

/** An OpenAPI or Swagger document, in bytes. */
export const MAX_DOCUMENT_BYTES = 20_000_000;

/** Why a chosen file is refused before it is sent, or null when it may go. */
export function tooLarge(file: { size: number }, maxBytes: number, what: string): string | null {
  if (file.size <= maxBytes) return null;
  const mb = (bytes: number) => `${(bytes / 1_000_000).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;
  return `${what} is ${mb(file.size)}; this form takes at most ${mb(maxBytes)}. Split it into smaller files, or import through the API.`;
}
