// Console roles from the identity provider's groups (OIDC_ROLE_MAP, plus groups named like a
// role), and how a person's roles follow them at each sign-on: the roles that came from groups are
// replaced by what the groups map to now; roles an administrator set by hand stay.
import { UserRole, type RoleSource } from "@/lib/generated/prisma/enums";

const ROLE_NAMES = Object.values(UserRole);

/** OIDC_ROLE_MAP "grp=ADMIN,other=OWNER" plus groups named like a role. */
export function rolesFromGroups(groups: unknown, roleMap: string): UserRole[] {
  const list = Array.isArray(groups) ? groups.map(String) : typeof groups === "string" ? groups.split(/[ ,]+/) : [];
  const mapping = new Map<string, UserRole>();
  for (const pair of roleMap
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [group, role] = pair.split("=").map((s) => s.trim());
    const mapped = ROLE_NAMES.find((name) => name === role?.toUpperCase());
    if (group && mapped) mapping.set(group.toLowerCase(), mapped);
  }
  const roles = new Set<UserRole>();
  for (const group of list) {
    const key = group.trim().toLowerCase();
    const mapped = mapping.get(key) ?? ROLE_NAMES.find((role) => role.toLowerCase() === key);
    if (mapped) roles.add(mapped);
  }
  return [...roles];
}

/** What a sign-on changes: roles to add (from the provider), the provider's roles to remove, and the roles after. */
export function roleSync(current: readonly { role: UserRole; source: RoleSource }[], mapped: readonly UserRole[]) {
  const held = new Set(current.map((r) => r.role));
  const add = mapped.filter((role) => !held.has(role));
  const remove = current.filter((r) => r.source === "IDENTITY_PROVIDER" && !mapped.includes(r.role)).map((r) => r.role);
  const after = [...current.map((r) => r.role).filter((role) => !remove.includes(role)), ...add].sort();
  return { add, remove, after };
}
