// How a review item's snapshot is stored. Most of a snapshot is shared: every grant of one
// consumer carries the same consumer, owner and credentials, every grant on one API the same
// API and scope texts. Frozen on each item, those were two thirds of what a launch wrote. An
// item now keeps its own part (the grant, each scope's last use and baseline, its open
// findings) and names its consumer, API and scopes, frozen once per campaign as ReviewFact
// rows. Items launched before keep the whole snapshot on the item; both read back as one Snapshot.
import { chunks } from "@/lib/lists/where";
import type { Db, Tx } from "@/lib/server/db";
import {
  apiFactSchema,
  consumerFactSchema,
  itemSnapshotSchema,
  scopeFactSchema,
  snapshotSchema,
  type ApiFact,
  type ConsumerFact,
  type ItemSnapshot,
  type ScopeFact,
  type Snapshot,
} from "./schemas";

export const factKey = {
  consumer: (id: string) => `consumer:${id}`,
  api: (id: string) => `api:${id}`,
  scope: (id: string) => `scope:${id}`,
};

/**
 * Facts of one campaign as a launch collects them, by record id (a key is made only when they
 * are written: building and hashing a fresh key string for every scope of every item was a
 * measurable share of a launch).
 */
export type Facts = { consumers: Map<string, ConsumerFact>; apis: Map<string, ApiFact>; scopes: Map<string, ScopeFact> };

export const newFacts = (): Facts => ({ consumers: new Map(), apis: new Map(), scopes: new Map() });

/** Each fact with its stored key. */
export function* factRows(facts: Facts): Generator<[string, ConsumerFact | ApiFact | ScopeFact]> {
  for (const [id, body] of facts.consumers) yield [factKey.consumer(id), body];
  for (const [id, body] of facts.apis) yield [factKey.api(id), body];
  for (const [id, body] of facts.scopes) yield [factKey.scope(id), body];
}

/**
 * The item's own part of a snapshot; its consumer, API and scopes go into `facts` when not
 * there yet. Within one launch every item of a consumer (or API, or scope) freezes the same
 * facts, so the first one seen stands for all.
 */
export function splitSnapshot(s: Snapshot, facts: Facts): ItemSnapshot {
  if (!facts.consumers.has(s.consumer.id)) facts.consumers.set(s.consumer.id, { ...s.consumer, credentials: s.credentials });
  if (!facts.apis.has(s.api.id)) facts.apis.set(s.api.id, s.api);
  for (const scope of s.scopes) {
    if (!facts.scopes.has(scope.id))
      facts.scopes.set(scope.id, { name: scope.name, level: scope.level, description: scope.description, operations: scope.operations });
  }
  return {
    consumer: s.consumer.id,
    api: s.api.id,
    grant: s.grant,
    scopes: s.scopes.map((x) => ({ id: x.id, lastUsedAt: x.lastUsedAt, beyondBaseline: x.beyondBaseline })),
    findings: s.findings,
  };
}

type Stored = { campaignId: string; snapshot: unknown };

// Items launched since facts are shared name their consumer by id; older ones hold it whole.
const parseStored = (stored: unknown): { item: ItemSnapshot } | { whole: Snapshot } =>
  typeof (stored as { consumer?: unknown } | null)?.consumer === "string"
    ? { item: itemSnapshotSchema.parse(stored) }
    : { whole: snapshotSchema.parse(stored) };

/** Each item with its snapshot, in order, whichever way each was stored. */
export async function withSnapshots<T extends Stored>(client: Db | Tx, items: T[]): Promise<[T, Snapshot][]> {
  const parsed = items.map((source) => ({ source, campaignId: source.campaignId, ...parseStored(source.snapshot) }));
  const wanted = new Map<string, Set<string>>();
  for (const p of parsed) {
    if (!("item" in p)) continue;
    const keys = wanted.get(p.campaignId) ?? new Set<string>();
    wanted.set(p.campaignId, keys);
    keys.add(factKey.consumer(p.item.consumer)).add(factKey.api(p.item.api));
    for (const scope of p.item.scopes) keys.add(factKey.scope(scope.id));
  }
  // Each fact is read and checked once, however many items share it.
  const facts = new Map<string, ConsumerFact | ApiFact | ScopeFact>();
  for (const [campaignId, keys] of wanted) {
    for (const part of chunks([...keys], 1000)) {
      for (const { key, body } of await client.reviewFact.findMany({ where: { campaignId, key: { in: part } }, select: { key: true, body: true } })) {
        const schema = key.startsWith("consumer:") ? consumerFactSchema : key.startsWith("api:") ? apiFactSchema : scopeFactSchema;
        facts.set(`${campaignId} ${key}`, schema.parse(body));
      }
    }
  }
  function fact<T>(campaignId: string, key: string): T {
    const body = facts.get(`${campaignId} ${key}`);
    // Facts are written in the launch's transaction with the items: a missing one is damage, not a state.
    if (body === undefined) throw new Error(`Review fact ${key} of campaign ${campaignId} is missing`);
    return body as T;
  }
  const snapshotOf = (p: (typeof parsed)[number]): Snapshot => {
    if ("whole" in p) return p.whole;
    const { campaignId, item } = p;
    const { credentials, ...consumer } = fact<ConsumerFact>(campaignId, factKey.consumer(item.consumer));
    return {
      consumer,
      api: fact<ApiFact>(campaignId, factKey.api(item.api)),
      grant: item.grant,
      scopes: item.scopes.map((x) => ({
        id: x.id,
        ...fact<ScopeFact>(campaignId, factKey.scope(x.id)),
        lastUsedAt: x.lastUsedAt,
        beyondBaseline: x.beyondBaseline,
      })),
      credentials,
      findings: item.findings,
    };
  };
  return parsed.map((p) => [p.source, snapshotOf(p)]);
}

/** The snapshots of these items, in order. */
export async function readSnapshots(client: Db | Tx, items: Stored[]): Promise<Snapshot[]> {
  return (await withSnapshots(client, items)).map(([, snapshot]) => snapshot);
}

/** One item's snapshot. */
export async function readSnapshot(client: Db | Tx, item: Stored): Promise<Snapshot> {
  const [pair] = await withSnapshots(client, [item]);
  if (!pair) throw new Error("withSnapshots answers every item it is given");
  return pair[1];
}
