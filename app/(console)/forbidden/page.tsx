export default function Forbidden() {
  return (
    <div className="max-w-xl rounded-lg border border-amber-200 bg-amber-50 p-5">
      <h1 className="text-lg font-semibold text-amber-900">Not allowed</h1>
      <p className="mt-1 text-sm text-amber-900">Your roles do not give access to that page. Ask an administrator if you need it.</p>
    </div>
  );
}
