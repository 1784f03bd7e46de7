/** Where a list's page starts: by number, or by a keyset cursor. */
const POSITION = ["page", "after", "before"];

/** The list's URL with some params changed; null or "" removes a param. Any change but the position's starts at the first page. */
export function hrefWith(path: string, current: Record<string, string>, changes: Record<string, string | number | null>) {
  const next = new URLSearchParams(current);
  if (!POSITION.some((key) => key in changes)) for (const key of POSITION) next.delete(key);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") next.delete(key);
    else next.set(key, String(value));
  }
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}
