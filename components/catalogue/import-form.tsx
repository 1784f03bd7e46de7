"use client";
// Upload an OpenAPI or Swagger document, see what the import would change, then import.
import { useRouter } from "next/navigation";
import { counted } from "@/lib/format";
import { useState } from "react";
import { ValueBadge } from "@/components/ui/badge";
import { FILE_INPUT } from "@/components/ui/fields";
import { Button } from "@/components/ui/button";
import type { ImportJobView, ImportStarted } from "@/lib/catalogue/import-jobs";
import type { ImportPlan } from "@/lib/catalogue/openapi-import";
import { ImportProgress } from "./import-progress";
import { MAX_DOCUMENT_BYTES, tooLarge } from "@/lib/catalogue/upload-limits";
import { sendUpload } from "./send-upload";

type Choice = { id: string; name: string };
type Summary = ImportPlan["summary"];

const select = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function ImportForm({
  teams,
  environments,
  exposures,
  classifications,
}: {
  teams: Choice[];
  environments: string[];
  exposures: string[];
  classifications: string[];
}) {
  const router = useRouter();
  const [document, setDocument] = useState("");
  const [source, setSource] = useState("");
  const [fields, setFields] = useState({ name: "", teamId: "", environment: "PRODUCTION", exposure: "PUBLIC", classification: "INTERNAL" });
  const [preview, setPreview] = useState<Summary | null>(null);
  const [errors, setErrors] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<ImportJobView | null>(null);
  // The document is the body; the API's fields travel in the query.
  const url = (apply: boolean) => `/apis/import/document?${new URLSearchParams({ ...fields, source, ...(apply && { apply: "1" }) })}`;

  async function run(kind: "preview" | "import") {
    setBusy(true);
    setErrors(null);
    if (kind === "preview") {
      const result = await sendUpload<Summary>(url(false), document, "text/plain;charset=utf-8");
      setBusy(false);
      if (result.ok) setPreview(result.data);
      else setErrors({ message: result.error, fields: result.fieldErrors ?? {} });
      return;
    }
    const result = await sendUpload<ImportStarted>(url(true), document, "text/plain;charset=utf-8");
    setBusy(false);
    if (!result.ok) setErrors({ message: result.error, fields: result.fieldErrors ?? {} });
    else if (result.data.kind === "imported") router.push(`/apis/${result.data.result.id}`);
    else setJob(result.data.job);
  }

  const field = (name: keyof typeof fields) => ({
    value: fields[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      setFields({ ...fields, [name]: e.target.value });
      setPreview(null);
    },
    "aria-invalid": Boolean(errors?.fields[name]),
  });
  const fieldError = (name: string) => errors?.fields[name] && <p className="mt-1 text-sm text-red-700">{errors.fields[name].join(" ")}</p>;

  return (
    <div className="max-w-3xl space-y-4">
      <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium">
            OpenAPI 3.x or Swagger 2.0 document (JSON or YAML)
          </label>
          <input
            id="import-file"
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            className={FILE_INPUT}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setPreview(null);
              setJob(null);
              const refused = file && tooLarge(file, MAX_DOCUMENT_BYTES, "The document");
              setErrors(refused ? { message: refused, fields: {} } : null);
              setDocument(file && !refused ? await file.text() : "");
              setSource(file?.name ?? "");
            }}
          />
          {fieldError("document")}
        </div>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor="import-name" className="block text-sm font-medium">
              API name
            </label>
            <input id="import-name" className={select} placeholder="The document's title" {...field("name")} />
            {fieldError("name")}
          </div>
          <div>
            <label htmlFor="import-team" className="block text-sm font-medium">
              Team
            </label>
            <select id="import-team" className={select} {...field("teamId")}>
              <option value="">Choose a team</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            {fieldError("teamId")}
          </div>
          {(
            [
              ["environment", "Environment", environments],
              ["exposure", "Exposure", exposures],
              ["classification", "Data classification", classifications],
            ] as const
          ).map(([name, text, options]) => (
            <div key={name}>
              <label htmlFor={`import-${name}`} className="block text-sm font-medium">
                {text}
              </label>
              <select id={`import-${name}`} className={select} {...field(name)}>
                {options.map((o) => (
                  <option key={o} value={o}>
                    {o[0] + o.slice(1).toLowerCase()}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
        <div role="status" aria-live="polite" className="text-sm">
          {errors && <p className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">{errors.message}</p>}
        </div>
        <Button type="button" variant="secondary" disabled={busy || !document} onClick={() => run("preview")}>
          {busy && !preview ? "Reading…" : "Preview the import"}
        </Button>
      </div>
      {preview && (
        <section aria-labelledby="preview-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm">
          <h2 id="preview-heading" className="text-lg font-semibold">
            {preview.action === "create" ? "Creates" : "Updates"} {preview.api} ({preview.version})
          </h2>
          <p data-testid="import-counts">
            {preview.scopes} scopes ({preview.added.length} new, {preview.unchanged} already there, {preview.removed.length} to remove), {preview.operations}{" "}
            operations.
          </p>
          {preview.rejected.length > 0 && (
            <div className="rounded-md bg-amber-50 px-3 py-2 text-amber-950 ring-1 ring-amber-300" data-testid="rejected-scopes">
              <p>
                {counted(preview.rejected.length, "scope name")} left out, with the operations that need them (a scope name is 1 to 200 visible characters, no
                spaces):
              </p>
              <ul className="mt-1 list-disc pl-5">
                {preview.rejected.map((r) => (
                  <li key={r.scope}>
                    <code className="break-all">“{r.scope}”</code>: {r.problem}
                    {r.operations > 0 && `; needed by ${counted(r.operations, "operation")}`}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {(preview.implicitFlow || preview.passwordFlow) && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-950 ring-1 ring-amber-300">
              The document declares the {[preview.implicitFlow && "implicit", preview.passwordFlow && "password"].filter(Boolean).join(" and ")} OAuth flow:
              insecure by design (NHI4:2025).
            </p>
          )}
          {preview.added.length > 0 && (
            <details open={preview.added.length <= 30}>
              <summary className="cursor-pointer font-medium">New scopes, with the access level read from their names (editable afterwards)</summary>
              <ul className="mt-2 grid gap-1 sm:grid-cols-2">
                {preview.added.map((s) => (
                  <li key={s.name}>
                    <span className="font-mono text-xs">{s.name}</span> <ValueBadge value={s.level} />
                  </li>
                ))}
              </ul>
            </details>
          )}
          {preview.removed.length > 0 && (
            <p>
              No longer in the document, removed: <span className="font-mono text-xs">{preview.removed.join(", ")}</span>
            </p>
          )}
          {preview.keptWhileGranted.length > 0 && (
            <p>
              No longer in the document but still named by grants or requests, kept and marked removed (decisions deny them, a finding names each grant):{" "}
              <span className="font-mono text-xs">{preview.keptWhileGranted.join(", ")}</span>
            </p>
          )}
          {preview.baseUrls.added.length > 0 && (
            <p>
              Base URLs from the document&apos;s servers, by which gateways and traces will name this API:{" "}
              <span className="font-mono text-xs">{preview.baseUrls.added.join(", ")}</span>
            </p>
          )}
          {preview.baseUrls.elsewhere.length > 0 && (
            <p className="text-amber-950">
              Already naming another API, so left to it:{" "}
              {preview.baseUrls.elsewhere.map((b) => (
                <span key={b.url}>
                  <span className="font-mono text-xs">{b.url}</span> ({b.api}){" "}
                </span>
              ))}
            </p>
          )}
          {preview.restored.length > 0 && (
            <p>
              Back in the document, no longer marked removed: <span className="font-mono text-xs">{preview.restored.join(", ")}</span>
            </p>
          )}
          {!job && (
            <Button type="button" disabled={busy} onClick={() => run("import")}>
              {busy ? "Importing…" : "Import"}
            </Button>
          )}
        </section>
      )}
      {job && <ImportProgress initial={job} />}
    </div>
  );
}
