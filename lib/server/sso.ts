// First single-sign-on of a person creates their console user, with the roles mapped
// from the identity provider's groups claim (OIDC_GROUPS_CLAIM); no mapped group, no role.
import { UserRole } from "@/lib/generated/prisma/enums";
import { provisionSsoUser } from "@/lib/sign-in/commands/provision-sso-user";
import { systemCtx } from "./authz";
import { runCommand } from "./command";
import { env } from "./env";

const ROLE_NAMES = Object.values(UserRole);

/** OIDC_ROLE_MAP "grp=ADMIN,other=OWNER" plus groups named like a role. */
export function rolesFromGroups(groups: unknown, roleMap: string): UserRole[] {
  const list = Array.isArray(groups) ? groups.map(String) : typeof groups === "string" ? groups.split(/[ ,]+/) : [];
  const mapping = new Map<string, UserRole>();
  for (const pair of roleMap.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [group, role] = pair.split("=").map((s) => s.trim());
    const upper = role?.toUpperCase() as UserRole;
    if (group && ROLE_NAMES.includes(upper)) mapping.set(group.toLowerCase(), upper);
  }
  const roles = new Set<UserRole>();
  for (const group of list) {
    const key = group.trim().toLowerCase();
    const mapped = mapping.get(key) ?? ROLE_NAMES.find((role) => role.toLowerCase() === key);
    if (mapped) roles.add(mapped);
  }
  return [...roles];
}

/** The console user for an identity provider's profile (created or linked at first sign-on), or null. */
export async function signInWithSso(profile: Record<string, unknown>) {
  const subject = typeof profile.sub === "string" ? profile.sub : null;
  const email = typeof profile.email === "string" ? profile.email.toLowerCase() : null;
  if (!subject || !email) return null;
  const settings = env();
  const roles = rolesFromGroups(profile[settings.OIDC_GROUPS_CLAIM], settings.OIDC_ROLE_MAP);
  const name = typeof profile.name === "string" && profile.name ? profile.name : email;
  return runCommand(provisionSsoUser, systemCtx("single sign-on"), { subject, email, name, roles });
}
