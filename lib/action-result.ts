// Client-side reading of a server action's ActionResult (see lib/server/action.ts).

/** A server action's result as a value, or an error whose message names what to fix. */
export async function unwrap<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> }>): Promise<T> {
  const result = await promise;
  if (!result.ok) {
    const details = Object.values(result.fieldErrors ?? {}).flat();
    throw new Error(details.length ? details.join(" ") : result.error);
  }
  return result.data;
}
