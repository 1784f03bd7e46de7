"use client";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="max-w-xl rounded-lg border border-red-200 bg-red-50 p-5">
      <h1 className="text-lg font-semibold text-red-900">This page could not be shown</h1>
      <p className="mt-1 text-sm text-red-800">
        {error.message.includes("not allowed") ? error.message : "Something went wrong on our side."}
        {error.digest && ` Reference ${error.digest}.`}
      </p>
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-red-700 px-3 py-1.5 text-sm text-white">
        Try again
      </button>
    </div>
  );
}
