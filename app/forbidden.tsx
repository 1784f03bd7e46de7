import Link from "next/link";
import { connection } from "next/server";

// What a refused page shows, with the status 403. Rendered per request: its scripts need the CSP nonce.
export default async function Forbidden() {
  await connection();
  return (
    <main className="mx-auto max-w-xl p-10">
      <div className="rounded-lg border border-amber-200 bg-amber-50 p-5">
        <h1 className="text-lg font-semibold text-amber-900">Not allowed</h1>
        <p className="mt-1 text-sm text-amber-900">Your roles do not give access to that page. Ask an administrator if you need it.</p>
      </div>
      <Link href="/work" className="mt-6 inline-block text-brand-700 underline">
        Back to your work
      </Link>
    </main>
  );
}
