/** The list's URL with some params changed; null or "" removes a param. Page resets unless given. */
export function hrefWith(path: string, current: Record<string, string>, changes: Record<string, string | number | null>) {
  const next = new URLSearchParams(current);
  if (!("page" in changes)) next.delete("page");
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") next.delete(key);
    else next.set(key, String(value));
  }
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}
