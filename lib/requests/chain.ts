// Who approves a request, in order: the consumer owner's manager, then the API owner, then
// an ADMIN when a guardrail asks for one. Separation of duties: neither the requester nor
// the consumer's owner approves, and nobody approves two steps of one request (four eyes).
// A step whose first in line may not decide falls to that person's manager, else to an
// ADMIN, else to the policy's fallback approver, and the reason is kept on the step. A step
// nobody may decide is planned unassigned and says so, so that the request never waits unseen.
import type { RequestStepKind } from "@/lib/generated/prisma/enums";
import type { Directory, Person } from "@/lib/org-chart/directory";

export type PlannedStep = { kind: RequestStepKind; assigneeId: string | null; handOff: string | null };

export type ChainInput = {
  requesterId: string;
  consumerOwnerId: string | null;
  apiOwnerId: string | null;
  needsAdmin: boolean;
  /** The policy's fallback approver, for a step nobody in line may decide. */
  fallbackId: string | null;
};

/** The hand-off note of a step that nobody may decide: the request cannot go on until an administrator acts. */
export const NOBODY = "Nobody may decide this step; an administrator must set a fallback approver in Settings → Policies.";

function why(first: Person | undefined, role: string, excluded: ReadonlySet<string>, requesterId: string, earlier: ReadonlySet<string>): string {
  if (!first) return `There is no ${role}`;
  if (!first.active) return `${role.charAt(0).toUpperCase()}${role.slice(1)} ${first.name} is deactivated`;
  if (first.id === requesterId) return `${first.name} made the request (separation of duties)`;
  if (excluded.has(first.id)) return `${first.name} owns the consumer (separation of duties)`;
  if (earlier.has(first.id)) return `${first.name} already approves an earlier step (four eyes)`;
  return `${first.name} cannot decide`;
}

export function planChain(dir: Directory, input: ChainInput): PlannedStep[] {
  const excluded = new Set([input.requesterId, input.consumerOwnerId].filter((id): id is string => Boolean(id)));
  const taken = new Set<string>();
  const free = (p: Person | undefined): boolean => Boolean(p?.active && !excluded.has(p.id) && !taken.has(p.id));
  const fallback = input.fallbackId ? dir.people.get(input.fallbackId) : undefined;
  const firstAdmin = () => dir.adminIds.map((id) => dir.people.get(id)).find(free);
  const lastResort = () => firstAdmin() ?? (free(fallback) ? fallback : undefined);
  const assignedTo = (assignee: Person | undefined) =>
    !assignee
      ? NOBODY
      : assignee === fallback && !dir.adminIds.includes(assignee.id)
        ? `assigned to the fallback approver, ${assignee.name}.`
        : `assigned to ${assignee.name}.`;

  const step = (kind: RequestStepKind, first: Person | undefined, role: string): PlannedStep => {
    let assignee: Person | undefined;
    let handOff: string | null = null;
    if (first && free(first)) {
      assignee = first;
    } else {
      const manager = first?.managerId ? dir.people.get(first.managerId) : undefined;
      assignee = kind !== "ADMIN" && free(manager) ? manager : lastResort();
      handOff = `${why(first, role, excluded, input.requesterId, taken)}; ${assignedTo(assignee)}`;
    }
    if (assignee) taken.add(assignee.id);
    return { kind, assigneeId: assignee?.id ?? null, handOff };
  };

  const consumerOwner = input.consumerOwnerId ? dir.people.get(input.consumerOwnerId) : undefined;
  // A consumer without an owner is answered for by the requester's line.
  const line = consumerOwner ?? dir.people.get(input.requesterId);
  const manager = line?.managerId ? dir.people.get(line.managerId) : undefined;
  const steps = [step("MANAGER", manager, "manager"), step("API_OWNER", input.apiOwnerId ? dir.people.get(input.apiOwnerId) : undefined, "API owner")];
  if (input.needsAdmin) {
    const admin = firstAdmin();
    if (admin) steps.push(step("ADMIN", admin, "administrator"));
    else {
      const resort = lastResort();
      if (resort) taken.add(resort.id);
      steps.push({
        kind: "ADMIN",
        assigneeId: resort?.id ?? null,
        handOff: `Every administrator is the requester, the consumer owner or an earlier approver; ${assignedTo(resort)}`,
      });
    }
  }
  return steps;
}
