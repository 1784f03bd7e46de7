// Who reviews an item, with separation of duties: nobody decides on access for a consumer
// they own. When the first in line may not (or cannot) decide, the item goes to their
// manager, else to an ADMIN, and the reason for the hand-off is kept on the item.

import type { Directory, Person } from "@/lib/org-chart/directory";

export type Assignment = { reviewerId: string | null; handOff: string | null };

function fallback(dir: Directory, from: Person | undefined, excluded: Set<string>): string | null {
  const manager = from?.managerId ? dir.people.get(from.managerId) : undefined;
  if (manager?.active && !excluded.has(manager.id)) return manager.id;
  return dir.adminIds.find((id) => dir.people.get(id)?.active && !excluded.has(id)) ?? null;
}

function describe(dir: Directory, id: string | null) {
  return id ? (dir.people.get(id)?.name ?? "an administrator") : "nobody";
}

/** Stage 1: the API owner, unless they own the consumer or are gone. */
export function assignStage1(dir: Directory, apiOwnerId: string | null, consumerOwnerId: string | null): Assignment {
  const owner = apiOwnerId ? dir.people.get(apiOwnerId) : undefined;
  const excluded = new Set(consumerOwnerId ? [consumerOwnerId] : []);
  if (owner?.active && !excluded.has(owner.id)) return { reviewerId: owner.id, handOff: null };
  const reviewerId = fallback(dir, owner, excluded);
  const why = !owner
    ? "The API has no owner"
    : !owner.active
      ? `API owner ${owner.name} is deactivated`
      : `API owner ${owner.name} owns the consumer (separation of duties)`;
  return { reviewerId, handOff: `${why}; assigned to ${describe(dir, reviewerId)}.` };
}

/** Stage 2: the consumer owner's manager, never the consumer owner nor the stage-1 reviewer. */
export function assignStage2(dir: Directory, consumerOwnerId: string | null, stage1ReviewerId: string | null): Assignment {
  const consumerOwner = consumerOwnerId ? dir.people.get(consumerOwnerId) : undefined;
  const manager = consumerOwner?.managerId ? dir.people.get(consumerOwner.managerId) : undefined;
  const excluded = new Set([consumerOwnerId, stage1ReviewerId].filter((id): id is string => Boolean(id)));
  if (manager?.active && !excluded.has(manager.id)) return { reviewerId: manager.id, handOff: null };
  const reviewerId = manager ? fallback(dir, manager, excluded) : fallback(dir, undefined, excluded);
  const why = !consumerOwner
    ? "The consumer has no owner"
    : !manager
      ? `Consumer owner ${consumerOwner.name} has no manager`
      : !manager.active
        ? `Manager ${manager.name} is deactivated`
        : `Manager ${manager.name} already decided stage 1 (four eyes)`;
  return { reviewerId, handOff: `${why}; assigned to ${describe(dir, reviewerId)}.` };
}

/** Whether someone may take over an item by reassignment: active, a reviewer role, not the consumer's owner. */
export function isEligibleReviewer(person: Person | undefined, roles: string[], consumerOwnerId: string | null): boolean {
  return Boolean(person?.active && person.id !== consumerOwnerId && roles.some((r) => r === "OWNER" || r === "MANAGER" || r === "ADMIN"));
}
