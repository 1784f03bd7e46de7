"use client";
// Upload a CSV of consumers, credentials or grants; the preview lists every bad row by line,
// and the import writes the whole file or nothing.
import { counted } from "@/lib/format";
import { useState } from "react";
import { FILE_INPUT } from "@/components/ui/fields";
import { Button } from "@/components/ui/button";
import type { CsvPreview } from "@/lib/catalogue/csv-import";
import { sendUpload } from "./send-upload";

type Preview = CsvPreview;
const wholeMessage = (error: string, fieldErrors: Record<string, string[]> = {}) =>
  [
    error,
    ...Object.entries(fieldErrors).map(([field, messages]) => (field === "_form" || field === "csv" ? messages.join(" ") : `${field}: ${messages.join(" ")}`)),
  ].join(" ");

const COLUMNS: Record<string, string> = {
  consumers:
    "name, kind, environment, team, owner (email), description, agentProvider, agentModel, autonomy, comparableRole, partnerOrg, isCiPipeline (yes/no), status, createdAt, decommissionedAt; id to change an existing one",
  credentials:
    "consumer (name), consumerEnvironment, label, type, expiresAt, lastRotatedAt, accessTokenTtlSeconds, refreshTokenTtlSeconds, senderConstraint, audience",
  grants:
    "consumer, consumerEnvironment, api, apiEnvironment, scopes (space-separated), justification, expiresAt, status, origin, createdAt, lastUsedAt, lastReviewedAt, revokedAt; id to change an existing one",
};

export function CsvImportForm() {
  const [kind, setKind] = useState("consumers");
  const [csv, setCsv] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [encoding, setEncoding] = useState<string | null>(null);

  // UTF-8 (with or without a byte-order mark) as it is; a file that is not valid UTF-8 is what
  // Excel's plain "CSV" writes on Windows: Windows-1252, read as such and said so.
  async function readFile(file: File | undefined) {
    setPreview(null);
    setEncoding(null);
    if (!file) return setCsv("");
    const bytes = await file.arrayBuffer();
    try {
      setCsv(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      setCsv(new TextDecoder("windows-1252").decode(bytes));
      setEncoding("The file is not UTF-8: it was read as Windows-1252 (Excel's \u201cCSV\u201d on Windows). Check accented names in the preview.");
    }
  }

  async function check() {
    setBusy(true);
    setMessage(null);
    const result = await sendUpload<Preview>(`/import/csv?kind=${encodeURIComponent(kind)}`, csv, "text/csv;charset=utf-8");
    setBusy(false);
    if (result.ok) setPreview(result.data);
    else setMessage({ ok: false, text: wholeMessage(result.error, result.fieldErrors) });
  }

  async function run() {
    setBusy(true);
    const result = await sendUpload<Preview>(`/import/csv?kind=${encodeURIComponent(kind)}&apply=1`, csv, "text/csv;charset=utf-8");
    setBusy(false);
    setPreview(null);
    setMessage(
      result.ok
        ? { ok: true, text: `Imported: ${result.data.create} created, ${result.data.update} updated, ${result.data.unchanged} unchanged.` }
        : { ok: false, text: wholeMessage(result.error, result.fieldErrors) },
    );
  }

  return (
    <div className="max-w-3xl space-y-4">
      <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <div>
          <label htmlFor="csv-kind" className="block text-sm font-medium">
            The file holds
          </label>
          <select
            id="csv-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setPreview(null);
            }}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="consumers">Consumers</option>
            <option value="credentials">Credentials</option>
            <option value="grants">Grants</option>
          </select>
          <p className="mt-1 text-xs text-slate-600">
            Columns: {COLUMNS[kind]}. The list exports have these columns. Dates as YYYY-MM-DD (or as the spreadsheet&apos;s dates); a row may suspend,
            decommission or revoke, never give back revoked or expired access.
          </p>
        </div>
        <div>
          <label htmlFor="csv-file" className="block text-sm font-medium">
            CSV file
          </label>
          <input id="csv-file" type="file" accept=".csv,text/csv" className={FILE_INPUT} onChange={(e) => readFile(e.target.files?.[0])} />
          {encoding && <p className="mt-1 text-xs text-amber-800">{encoding}</p>}
        </div>
        <Button type="button" variant="secondary" disabled={busy || !csv} onClick={check}>
          Check the file
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {message && (
          <p
            className={`rounded-md px-3 py-2 text-sm ring-1 ${message.ok ? "bg-green-50 text-green-900 ring-green-200" : "bg-red-50 text-red-800 ring-red-200"}`}
          >
            {message.text}
          </p>
        )}
      </div>
      {preview && (
        <section aria-labelledby="csv-preview" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 id="csv-preview" className="text-lg font-semibold">
            {counted(preview.rows, "row")}: {preview.create} to create, {preview.update} to update, {preview.unchanged} unchanged
          </h2>
          {preview.errors.length > 0 ? (
            <>
              <p className="text-red-800">
                {preview.errors.length === 1 ? "1 row needs" : `${preview.errors.length} rows need`} attention; nothing will be written until every row is
                valid.
              </p>
              <table className="w-full">
                <caption className="sr-only">Rows that need attention</caption>
                <thead>
                  <tr>
                    <th scope="col" className="text-left">
                      Line
                    </th>
                    <th scope="col" className="text-left">
                      Problem
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.map((e) => (
                    <tr key={e.line} className="border-t border-slate-100">
                      <td className="py-1 pr-3 tabular-nums">{e.line}</td>
                      <td>{e.messages.join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <Button type="button" disabled={busy} onClick={run}>
              Import {counted(preview.rows, "row")}
            </Button>
          )}
        </section>
      )}
    </div>
  );
}
