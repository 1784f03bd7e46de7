// The permission table: for every action, which console roles may take it, and
// whether over everything ("all") or only over what they own ("own"). Pure data,
// read by authz.ts on every query and mutation; the UI reads it only to decide
// which controls to show, never as the check itself.
import type { UserRole } from "@/lib/generated/prisma/enums";

export type Reach = "all" | "own";
type Rule = Partial<Record<UserRole, Reach>>;

const EVERY_ROLE: Rule = { ADMIN: "all", OWNER: "all", MANAGER: "all", EXECUTIVE: "all", AUDITOR: "all" };

export const PERMISSIONS = {
  // Reading the catalogue, dashboards and findings: every console role.
  "catalog.read": EVERY_ROLE,
  "dashboard.read": EVERY_ROLE,
  // "own" for APIs means Api.ownerId; for consumers Consumer.ownerId; for a credential,
  // any consumer it serves; for a grant, the API it opens (the API owner is its gatekeeper).
  "api.create": { ADMIN: "all", OWNER: "own" },
  "api.update": { ADMIN: "all", OWNER: "own" },
  "api.delete": { ADMIN: "all", OWNER: "own" },
  "consumer.create": { ADMIN: "all", OWNER: "own" },
  "consumer.update": { ADMIN: "all", OWNER: "own" },
  "consumer.decommission": { ADMIN: "all", OWNER: "own" },
  "credential.create": { ADMIN: "all", OWNER: "own" },
  "credential.update": { ADMIN: "all", OWNER: "own" },
  "grant.create": { ADMIN: "all", OWNER: "own" },
  "grant.update": { ADMIN: "all", OWNER: "own" },
  "grant.revoke": { ADMIN: "all", OWNER: "own" },
  "role.manage": { ADMIN: "all" },
  "campaign.read": EVERY_ROLE,
  "campaign.manage": { ADMIN: "all", OWNER: "own" },
  "review.decide": { ADMIN: "own", OWNER: "own", MANAGER: "own" },
  // Reviewers' comments and hand-off notes speak of people and reasons: those who answer for the
  // evidence read them all; "own" = items they reviewed, in campaigns they run or not.
  "review.comments.read": { ADMIN: "all", AUDITOR: "all", EXECUTIVE: "all", OWNER: "own", MANAGER: "own" },
  // Every user may request access for a consumer they own ("own" = Consumer.ownerId).
  "request.create": { ADMIN: "own", OWNER: "own", MANAGER: "own", EXECUTIVE: "own", AUDITOR: "own" },
  // "own" = requests they made, decide, or whose consumer they own.
  "request.read": { ADMIN: "all", AUDITOR: "all", OWNER: "own", MANAGER: "own", EXECUTIVE: "own" },
  "request.approve": { ADMIN: "own", OWNER: "own", MANAGER: "own" },
  "audit.read": { ADMIN: "all", AUDITOR: "all" },
  "report.export": { ADMIN: "all", AUDITOR: "all", EXECUTIVE: "all", OWNER: "own" },
  "user.manage": { ADMIN: "all" },
  "user.read": { ADMIN: "all", AUDITOR: "all" },
  "policy.read": { ADMIN: "all", AUDITOR: "all" },
  "policy.manage": { ADMIN: "all" },
  // "own" = tokens they created; a token acts for its creator, so an OWNER's token reaches what they do.
  // Usage moves grants' "last used", which findings and reviews trust: administrators' gateways only.
  "usage.record": { ADMIN: "all" },
  "token.manage": { ADMIN: "all", OWNER: "own" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** The widest reach any of the roles gives for the action, or null when none may. */
export function reachOf(roles: readonly UserRole[], action: Action): Reach | null {
  const rule: Rule = PERMISSIONS[action];
  let best: Reach | null = null;
  for (const role of roles) {
    const reach = rule[role];
    if (reach === "all") return "all";
    if (reach === "own") best = "own";
  }
  return best;
}

export function can(roles: readonly UserRole[], action: Action): boolean {
  return reachOf(roles, action) !== null;
}
