// Sends a file to one of the console's upload routes (lib/server/upload-route.ts) and reads the
// answer as a form reads a server action's: the result, or the error and its fields in words.
// A refusal by a proxy (a 413 page), a lost connection or a server error each say what happened.
import type { ActionResult } from "@/lib/server/action";

type Problem = { title?: string; detail?: string; errors?: { pointer: string; detail: string }[] };

const TOO_LARGE = "The file is larger than this form takes.";

export async function sendUpload<T>(url: string, body: BodyInit, contentType: string): Promise<ActionResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body, headers: { "Content-Type": contentType } });
  } catch {
    return { ok: false, code: "NETWORK", error: "The file did not reach the console: the connection was lost. Check the network and try again." };
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A page from something in between (a proxy's 413 or 502), not the console's own answer.
  }
  if (response.ok && parsed !== null) return { ok: true, data: parsed as T };
  const problem: Problem = parsed && typeof parsed === "object" ? parsed : {};
  const fieldErrors: Record<string, string[]> = {};
  for (const e of problem.errors ?? []) (fieldErrors[e.pointer.replace(/^\//, "").replaceAll("/", ".") || "_form"] ??= []).push(e.detail);
  const error =
    problem.detail ??
    problem.title ??
    (response.status === 413 ? TOO_LARGE : `The console answered ${response.status} ${response.statusText || ""}`.trim() + ". Try again in a moment.");
  return { ok: false, code: String(response.status), error, fieldErrors };
}
