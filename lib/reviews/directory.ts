import type { Tx } from "@/lib/server/db";
import type { Directory } from "./assign";

/** Everyone who could review, with managers, for assignment. One query, whatever the campaign size. */
export async function loadDirectory(tx: Tx): Promise<Directory> {
  const users = await tx.user.findMany({
    select: { id: true, name: true, active: true, managerId: true, roles: { select: { role: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return {
    people: new Map(users.map((u) => [u.id, { id: u.id, name: u.name, active: u.active, managerId: u.managerId }])),
    adminIds: users.filter((u) => u.active && u.roles.some((r) => r.role === "ADMIN")).map((u) => u.id),
  };
}
