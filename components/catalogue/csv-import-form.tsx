"use client";
// Upload a CSV of consumers, credentials or grants. Checking and importing are jobs on the server
// (lib/catalogue/csv-jobs.ts): a small file's answer is its outcome, a large one's a job this form
// follows with a progress bar. The preview lists every bad row by line; the import writes the
// whole file or nothing.
import { useQuery } from "@tanstack/react-query";
import { counted } from "@/lib/format";
import { useState } from "react";
import { unwrap } from "@/lib/action-result";
import { csvImportJobAction } from "@/lib/catalogue/actions";
import type { CsvImportView } from "@/lib/catalogue/csv-jobs";
import { MAX_CSV_BYTES, tooLarge } from "@/lib/catalogue/upload-limits";
import { FILE_INPUT } from "@/components/ui/fields";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { sendUpload } from "./send-upload";

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

/** A job as it goes: polled until it has finished. */
function useJob(started: CsvImportView | null) {
  const { data, error } = useQuery({
    queryKey: ["csv-import-job", started?.id],
    queryFn: () => unwrap(csvImportJobAction(started?.id)),
    enabled: Boolean(started && !started.finished),
    initialData: started ?? undefined,
    refetchInterval: (query) => (query.state.data?.finished ? false : 700),
  });
  return { job: started ? (data ?? started) : null, error };
}

export function CsvImportForm() {
  const [kind, setKind] = useState("consumers");
  const [csv, setCsv] = useState("");
  const [started, setStarted] = useState<CsvImportView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [encoding, setEncoding] = useState<string | null>(null);
  const { job, error: followError } = useJob(started);
  const running = Boolean(job && !job.finished);
  const preview = job?.status === "CHECKED" ? job.result : null;

  // UTF-8 (with or without a byte-order mark) as it is; a file that is not valid UTF-8 is what
  // Excel's plain "CSV" writes on Windows: Windows-1252, read as such and said so.
  async function readFile(file: File | undefined) {
    setStarted(null);
    setEncoding(null);
    setMessage(null);
    const refused = file && tooLarge(file, MAX_CSV_BYTES, "The file");
    if (!file || refused) {
      setMessage(refused || null);
      return setCsv("");
    }
    const bytes = await file.arrayBuffer();
    try {
      setCsv(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      setCsv(new TextDecoder("windows-1252").decode(bytes));
      setEncoding("The file is not UTF-8: it was read as Windows-1252 (Excel's \u201cCSV\u201d on Windows). Check accented names in the preview.");
    }
  }

  async function send(apply: boolean) {
    setBusy(true);
    setMessage(null);
    setStarted(null);
    const result = await sendUpload<CsvImportView>(`/import/csv?kind=${encodeURIComponent(kind)}${apply ? "&apply=1" : ""}`, csv, "text/csv;charset=utf-8");
    setBusy(false);
    if (result.ok) setStarted(result.data);
    else setMessage(wholeMessage(result.error, result.fieldErrors));
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
              setStarted(null);
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
        <Button type="button" variant="secondary" disabled={busy || running || !csv} onClick={() => send(false)}>
          {busy || (running && !job?.apply) ? "Checking…" : "Check the file"}
        </Button>
      </div>
      {job && running && (
        <section aria-labelledby="csv-job" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 id="csv-job" className="text-lg font-semibold">
            {job.apply ? "Importing" : "Checking"} {counted(job.rows, "row")}
          </h2>
          <ProgressBar label={job.apply ? "Import of the file" : "Check of the file"} percent={job.percent} phase={job.phase} />
          <p className="text-slate-700">
            {job.phase}.{" "}
            {job.apply
              ? "Rows are written a few hundred at a time, so the console stays quick for everyone; if one fails, what was written is taken back. You may leave this page."
              : "Nothing is written while the file is checked."}
          </p>
          {followError && <p className="text-amber-900">Could not check on the job just now ({followError.message}); trying again.</p>}
        </section>
      )}
      <div role="status" aria-live="polite">
        {(message || job?.problem) && (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">{message ?? job?.problem?.detail ?? job?.problem?.title}</p>
        )}
        {job?.status === "IMPORTED" && job.result && (
          <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 ring-1 ring-green-200">
            Imported: {job.result.create} created, {job.result.update} updated, {job.result.unchanged} unchanged.
          </p>
        )}
      </div>
      {job?.result && (job.status === "CHECKED" || job.status === "FAILED") && (
        <section aria-labelledby="csv-preview" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 id="csv-preview" className="text-lg font-semibold">
            {counted(job.result.rows, "row")}: {job.result.create} to create, {job.result.update} to update, {job.result.unchanged} unchanged
          </h2>
          {job.result.errors.length > 0 ? (
            <>
              <p className="text-red-800">
                {job.result.errors.length === 1 ? "1 row needs" : `${job.result.errors.length} rows need`} attention; nothing will be written until every row is
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
                  {job.result.errors.map((e) => (
                    <tr key={e.line} className="border-t border-slate-100">
                      <td className="py-1 pr-3 tabular-nums">{e.line}</td>
                      <td>{e.messages.join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            preview && (
              <Button type="button" disabled={busy} onClick={() => send(true)}>
                Import {counted(preview.rows, "row")}
              </Button>
            )
          )}
        </section>
      )}
    </div>
  );
}
