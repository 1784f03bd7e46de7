// The organisation chart as the reviews and the request approvals need it: who is active, who
// manages whom, and who the administrators are (the last resort for a hand-off).
import type { Tx } from "@/lib/server/db";

export type Person = { id: string; name: string; active: boolean; managerId: string | null };
export type Directory = { people: Map<string, Person>; adminIds: string[] };

/** Everyone who could review or approve, with managers. One query, whatever the campaign size. */
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
