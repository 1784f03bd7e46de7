// What one written chunk of a CSV import changed, and how to take it back. Before a chunk runs,
// the records its rows may change are read as they are (only the fields an import can change);
// after it, every record it created or changed is stamped with its updatedAt. Undoing the chunk
// removes what it created and puts back what it changed — but only records still as the chunk
// left them: one that someone changed since keeps that change and is reported instead, and a
// created record that others have since built on (a grant on a new consumer, a review item on a
// new grant) is kept too. No one's work is lost to an undo.
import { z } from "zod";
import { Autonomy, ConsumerKind, ConsumerStatus, Environment, GrantStatus } from "@/lib/generated/prisma/enums";
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import type { Tx } from "@/lib/server/db";
import type { Touches } from "./csv-rows";

export const IMPORT_KINDS = ["consumers", "credentials", "grants"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const when = z.coerce.date().nullable();

// The fields a CSV row can change, read before the chunk and written back by an undo.
const consumerImage = z.object({
  id: z.string(),
  kind: z.enum(ConsumerKind),
  name: z.string(),
  description: z.string(),
  teamId: z.string(),
  ownerId: z.string().nullable(),
  status: z.enum(ConsumerStatus),
  environment: z.enum(Environment),
  agentProvider: z.string().nullable(),
  agentModel: z.string().nullable(),
  autonomy: z.enum(Autonomy).nullable(),
  comparableRoleId: z.string().nullable(),
  partnerOrg: z.string().nullable(),
  isCiPipeline: z.boolean(),
  decommissionedAt: when,
});
const grantImage = z.object({
  id: z.string(),
  status: z.enum(GrantStatus),
  justification: z.string(),
  expiresAt: when,
  revokedAt: when,
  scopes: z.array(z.object({ scopeId: z.string(), lastUsedAt: when, expiresAt: when })),
});
// A decommissioned consumer's credentials are revoked with it.
const credentialImage = z.object({ id: z.string(), revokedAt: when });

export const chunkUndo = z.object({
  kind: z.enum(IMPORT_KINDS),
  created: z.array(z.string()),
  consumers: z.array(consumerImage),
  grants: z.array(grantImage),
  credentials: z.array(credentialImage),
  // "<table> <id>" → the record's updatedAt once the chunk had run.
  stamps: z.record(z.string(), z.coerce.date()),
});
export type ChunkUndo = z.infer<typeof chunkUndo>;
type Images = Pick<ChunkUndo, "consumers" | "grants" | "credentials">;

const CONSUMER_FIELDS = {
  id: true,
  kind: true,
  name: true,
  description: true,
  teamId: true,
  ownerId: true,
  status: true,
  environment: true,
  agentProvider: true,
  agentModel: true,
  autonomy: true,
  comparableRoleId: true,
  partnerOrg: true,
  isCiPipeline: true,
  decommissionedAt: true,
} as const;
const GRANT_FIELDS = {
  id: true,
  status: true,
  justification: true,
  expiresAt: true,
  revokedAt: true,
  scopes: { select: { scopeId: true, lastUsedAt: true, expiresAt: true } },
} as const;

/** The records a chunk's rows may change, as they are before it runs. */
export async function imagesBefore(tx: Tx, touches: Touches[]): Promise<Images> {
  const consumerIds = touches.flatMap((t) => t.consumers ?? []);
  const decommissions = touches.flatMap((t) => t.decommissions ?? []);
  const grantIds = touches.flatMap((t) => t.grants ?? []);
  const [consumers, grants, credentials] = await Promise.all([
    consumerIds.length ? tx.consumer.findMany({ where: { id: { in: consumerIds } }, select: CONSUMER_FIELDS }) : [],
    grantIds.length || decommissions.length
      ? tx.grant.findMany({
          where: { OR: [{ id: { in: grantIds } }, { consumerId: { in: decommissions }, status: { in: [...LIVE_GRANT_STATUSES] } }] },
          select: GRANT_FIELDS,
        })
      : [],
    decommissions.length
      ? tx.credential.findMany({
          where: { revokedAt: null, consumers: { some: { consumerId: { in: decommissions } } } },
          select: { id: true, revokedAt: true },
        })
      : [],
  ]);
  return { consumers, grants, credentials };
}

const TABLE_OF_KIND = { consumers: "consumer", credentials: "credential", grants: "grant" } as const;

/** The updatedAt, after the chunk, of every record it created or may have changed. */
export async function stampsAfter(tx: Tx, kind: ImportKind, created: string[], images: Images): Promise<ChunkUndo["stamps"]> {
  const ids = {
    consumer: [...images.consumers.map((c) => c.id), ...(kind === "consumers" ? created : [])],
    grant: [...images.grants.map((g) => g.id), ...(kind === "grants" ? created : [])],
    credential: [...images.credentials.map((c) => c.id), ...(kind === "credentials" ? created : [])],
  };
  const select = { id: true, updatedAt: true } as const;
  const [consumers, grants, credentials] = await Promise.all([
    ids.consumer.length ? tx.consumer.findMany({ where: { id: { in: ids.consumer } }, select }) : [],
    ids.grant.length ? tx.grant.findMany({ where: { id: { in: ids.grant } }, select }) : [],
    ids.credential.length ? tx.credential.findMany({ where: { id: { in: ids.credential } }, select }) : [],
  ]);
  return Object.fromEntries([
    ...consumers.map((r) => [`consumer ${r.id}`, r.updatedAt]),
    ...grants.map((r) => [`grant ${r.id}`, r.updatedAt]),
    ...credentials.map((r) => [`credential ${r.id}`, r.updatedAt]),
  ]);
}

export type Undone = { removed: string[]; restored: string[]; kept: string[] };

/** Takes one chunk back: removes what it created and restores what it changed, where no one has since. */
export async function undoChunk(tx: Tx, undo: ChunkUndo): Promise<Undone> {
  const done: Undone = { removed: [], restored: [], kept: [] };
  const table = TABLE_OF_KIND[undo.kind];
  const untouched = (name: string, id: string) => {
    const updatedAt = undo.stamps[`${name} ${id}`];
    // A record with no stamp was gone by the end of its chunk: nothing of it to take back.
    return updatedAt ? { id, updatedAt } : null;
  };
  const tally = (id: string, count: number, list: "removed" | "restored") => done[count ? list : "kept"].push(id);

  for (const id of undo.created) {
    const where = untouched(table, id);
    if (!where) continue;
    const none = { none: {} };
    const { count } =
      undo.kind === "consumers"
        ? await tx.consumer.deleteMany({ where: { ...where, grants: none, credentials: none, requests: none, usage: none } })
        : undo.kind === "grants"
          ? await tx.grant.deleteMany({ where: { ...where, items: none, requests: none } })
          : await tx.credential.deleteMany({ where });
    tally(id, count, "removed");
  }
  for (const { id, ...data } of undo.consumers) {
    const where = untouched("consumer", id);
    if (where) tally(id, (await tx.consumer.updateMany({ where, data })).count, "restored");
  }
  for (const { id, scopes, ...data } of undo.grants) {
    const where = untouched("grant", id);
    if (!where) continue;
    const { count } = await tx.grant.updateMany({ where, data });
    if (count) {
      await tx.grantScope.deleteMany({ where: { grantId: id } });
      await tx.grantScope.createMany({ data: scopes.map((scope) => ({ grantId: id, ...scope })) });
    }
    tally(id, count, "restored");
  }
  for (const { id, ...data } of undo.credentials) {
    const where = untouched("credential", id);
    if (where) tally(id, (await tx.credential.updateMany({ where, data })).count, "restored");
  }
  return done;
}

/** What one row of a file of each kind holds, in words. */
export const CSV_KIND_WORDS: Record<ImportKind, string> = { consumers: "consumer", credentials: "credential", grants: "grant" };
