// `tsx tests/security/make-request.ts`: one pending access request on the server's database
// (DATABASE_URL), made by a consumer's owner through the command the request form runs, so the
// suite has a request to open whatever ran before it.
import { submitRequest } from "@/lib/requests/commands/submit-request";
import { contextFor } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";

const person = { select: { id: true, name: true, email: true, roles: { select: { role: true } } } } as const;
const consumer = await db.consumer.findFirstOrThrow({
  where: { status: "ACTIVE", kind: "SERVICE", owner: { active: true, email: { startsWith: "finance-systems." } } },
  include: { owner: person },
  orderBy: { id: "asc" },
});
const api = await db.api.findFirstOrThrow({
  where: { ownerId: { not: consumer.ownerId }, scopes: { some: {} }, grants: { none: { consumerId: consumer.id } } },
  include: { scopes: { take: 1, orderBy: { name: "asc" } } },
  orderBy: { id: "asc" },
});
const request = await runCommand(submitRequest, contextFor(consumer.owner!), {
  consumerId: consumer.id,
  apiId: api.id,
  scopeIds: [api.scopes[0]!.id],
  duration: "30",
  justification: "Reads the catalogue for the nightly reconciliation job",
  exceptionJustification: "Agreed with the API owner for the reconciliation pilot",
});
console.log(JSON.stringify({ id: request.id }));
await db.$disconnect();
