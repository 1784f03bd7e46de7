import type { Action } from "@/lib/server/permissions";

// What the navigation offers, and the permission each entry needs. Showing or hiding
// an entry is a convenience; the page and its queries check the permission themselves.
export const NAV_ITEMS: { href: string; label: string; needs: Action }[] = [
  { href: "/work", label: "Your work", needs: "review.decide" },
  { href: "/dashboard", label: "Dashboard", needs: "dashboard.read" },
  { href: "/findings", label: "Findings", needs: "dashboard.read" },
  { href: "/apis", label: "APIs", needs: "catalog.read" },
  { href: "/consumers", label: "Consumers", needs: "catalog.read" },
  { href: "/grants", label: "Grants", needs: "catalog.read" },
  { href: "/roles", label: "Human roles", needs: "catalog.read" },
  { href: "/requests", label: "Access requests", needs: "request.create" },
  { href: "/reviews", label: "Access reviews", needs: "campaign.read" },
  { href: "/audit", label: "Audit log", needs: "audit.read" },
  { href: "/settings/users", label: "Users", needs: "user.read" },
  { href: "/settings/policies", label: "Policies", needs: "policy.read" },
  { href: "/settings/tokens", label: "API tokens", needs: "token.manage" },
];
