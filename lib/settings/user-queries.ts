// People and their console roles, as the users page lists them. Authorization invariant: only
// an ADMIN manages users (commands/create-user.ts, update-user.ts); AUDITORs may read the list.
import type { Prisma } from "@/lib/generated/prisma/client";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { containsText, db } from "@/lib/server/db";
import { paged } from "@/lib/lists/params";

export async function listUsers(ctx: Ctx, p: { q?: string; page: number; pageSize: number }) {
  requirePermission(ctx, "user.read");
  const where: Prisma.UserWhereInput = p.q ? { OR: [{ name: containsText(p.q) }, { email: containsText(p.q) }] } : {};
  return paged(
    p,
    (window) =>
      db.user.findMany({
        where,
        orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }],
        select: {
          id: true,
          name: true,
          email: true,
          active: true,
          lastLoginAt: true,
          team: { select: { id: true, name: true } },
          manager: { select: { id: true, name: true } },
          roles: { select: { role: true, source: true } },
          _count: { select: { ownedConsumers: true, ownedApis: true } },
        },
        ...window,
      }),
    () => db.user.count({ where }),
  );
}
