import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, never prebuilt: its scripts need this request's CSP nonce.
  await connection();
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">That page or item does not exist, or you may not see it.</p>
      <Link href="/dashboard" className="mt-6 inline-block text-brand-700 underline">
        Back to the dashboard
      </Link>
    </main>
  );
}
