// A scope's access level when an API document declares it: the strongest of what its name, its
// description and the operations that require it say. A scope that any POST, PUT, PATCH or DELETE
// requires writes, whatever its name. Owners can change the level afterwards; a re-import never
// overrides it.
import type { AccessLevel } from "@/lib/generated/prisma/enums";

const RANK: Record<AccessLevel, number> = { READ: 0, WRITE: 1, ADMIN: 2 };

const NAME_ADMIN = /(^|[^a-z])admin|superuser|root|owner|:all$|full[_-]?access/;
const NAME_WRITE = /write|modify|create|update|delete|remove|edit|manage|upload|send|post|control|import|invite|:w$/;
const TEXT_ADMIN = /\b(full access|full control|administ\w*|superuser)\b/;
const TEXT_WRITE = /\b(read[- ]?(and[- ])?write|write|modify|create|update|delete|remove|edit|manage|upload|send|post|change|revoke|invite)\b/;
const WRITING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function fromWords(text: string, admin: RegExp, write: RegExp): AccessLevel {
  if (admin.test(text)) return "ADMIN";
  if (write.test(text)) return "WRITE";
  return "READ";
}

export function inferLevel(name: string, description = "", methods: Iterable<string> = []): AccessLevel {
  const levels: AccessLevel[] = [
    fromWords(name.toLowerCase(), NAME_ADMIN, NAME_WRITE),
    // "Read-only" access says nothing about writing, however the sentence goes on.
    fromWords(description.toLowerCase().replace(/read[- ]only/g, ""), TEXT_ADMIN, TEXT_WRITE),
    [...methods].some((m) => WRITING_METHODS.has(m.toUpperCase())) ? "WRITE" : "READ",
  ];
  return levels.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}
