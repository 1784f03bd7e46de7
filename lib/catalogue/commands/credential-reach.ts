// Credentials a caller may change: an OWNER those serving at least one consumer they own.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Access } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import { conflict, notFound } from "@/lib/server/errors";

export function credentialReach(access: Access): Prisma.CredentialWhereInput {
  return access.reach === "all" ? {} : { consumers: { some: { consumer: { ownerId: access.ctx.userId } } } };
}

/** The credential as it is, within reach and not revoked. */
export async function liveCredential(tx: Tx, id: string, access: Access) {
  const credential = await tx.credential.findFirst({ where: { id, ...credentialReach(access) } });
  if (!credential) throw notFound("The credential");
  if (credential.revokedAt) throw conflict("This credential is revoked: it can no longer change.");
  return credential;
}
