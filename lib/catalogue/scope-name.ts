// One rule for a scope's name wherever it comes from (the scope form, an imported document):
// 1 to 200 visible characters, none of them a space. Documents name scopes as URLs
// (https://…/auth/drive), with colons (read:org) or dots (User.Read.All); what the rule keeps
// out is what no gateway could match: empty names, spaces and line breaks, NUL and other
// invisible characters, and names thousands of characters long.
import { z } from "zod";

export const SCOPE_NAME_MAX = 200;
// Separators (\p{Z}), whitespace and "other" characters (\p{C}: controls, format, unassigned).
const VISIBLE = /^[^\s\p{Z}\p{C}]+$/u;

/** What is wrong with a scope's name, in words, or null. */
export function scopeNameProblem(name: string): string | null {
  const length = [...name].length;
  if (length === 0) return "An empty name";
  if (length > SCOPE_NAME_MAX) return `Longer than ${SCOPE_NAME_MAX} characters (${length.toLocaleString("en")})`;
  if (!VISIBLE.test(name)) return "Holds a space, a line break or an invisible character";
  return null;
}

export const scopeName = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = scopeNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem}: a scope name is 1 to ${SCOPE_NAME_MAX} visible characters, no spaces` });
  });
