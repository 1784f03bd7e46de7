// Who owns what a caller creates or changes. An OWNER creates and keeps things for
// themselves; only a caller with reach over everything (an ADMIN, or a token acting for one)
// names another owner. Rows a token creates are owned by the person it acts for.
import type { Access } from "@/lib/server/command";
import { invalid } from "@/lib/server/errors";

/** On an update (`current` given), an empty field keeps the current owner. */
export function effectiveOwner(access: Access, ownerId: string | undefined, current?: string | null): string | null {
  if (access.reach === "all") return ownerId ?? (current !== undefined ? current : access.person);
  if (ownerId && ownerId !== access.ctx.userId) {
    throw invalid("Some fields need attention.", { ownerId: ["You can only assign yourself as owner"] });
  }
  return access.ctx.userId;
}
