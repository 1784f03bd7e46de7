"use client";
// Follows a background OpenAPI import until it has finished: its progress as it writes, then
// a link to the API or the reason it wrote nothing.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { unwrap } from "@/lib/action-result";
import { importJobAction } from "@/lib/catalogue/actions";
import type { ImportJobView } from "@/lib/catalogue/import-jobs";
import { ProgressBar } from "@/components/ui/progress-bar";

const FINISHED: ImportJobView["status"][] = ["SUCCEEDED", "FAILED", "INTERRUPTED"];

export function ImportProgress({ initial }: { initial: ImportJobView }) {
  const { data: job, error } = useQuery({
    queryKey: ["import-job", initial.id],
    queryFn: () => unwrap(importJobAction(initial.id)),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && FINISHED.includes(query.state.data.status) ? false : 700),
  });
  return (
    <section aria-labelledby="job-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm" data-testid="import-job">
      <h2 id="job-heading" className="text-lg font-semibold">
        Importing {job.apiName}
      </h2>
      <p>
        {job.operations.toLocaleString("en")} operations and {job.pairs.toLocaleString("en")} (operation, scope) pairs: a large document is written in the
        background. You may leave this page; the import carries on.
      </p>
      {!FINISHED.includes(job.status) && <ProgressBar label={`Importing ${job.apiName}`} percent={job.percent} phase={job.phase} />}
      <p role="status" aria-live="polite">
        {job.status === "SUCCEEDED" && job.apiId ? (
          <>
            Imported.{" "}
            <Link className="font-medium underline" href={`/apis/${job.apiId}`}>
              Open {job.apiName}
            </Link>
          </>
        ) : job.problem ? (
          <span className="block rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">
            {job.problem.detail ?? job.problem.title}
            {job.problem.errors?.map((e) => (
              <span key={`${e.pointer}${e.detail}`} className="block">
                {e.pointer ? `${e.pointer}: ` : ""}
                {e.detail}
              </span>
            ))}
          </span>
        ) : (
          job.phase
        )}
      </p>
      {error && <p className="text-amber-900">Could not check on the import just now ({error.message}); trying again.</p>}
    </section>
  );
}
