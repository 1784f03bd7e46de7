// The records the matrix opens, each with who owns it in the permission table's sense: for
// every kind, one that owner@ owns (where the demo has one) and one someone else owns, so that
// reach "own" is tried both ways.
import { database, people } from "./server";

export type Subject = { id: string; params: Record<string, string>; owners: Set<string> };
export type RecordKind = "api" | "consumer" | "credential" | "grant" | "campaign" | "request" | "role";

type Row = Record<string, string | null>;
const present = (value: string | null | undefined): value is string => typeof value === "string";

export function loadRecords(): Record<RecordKind, Subject[]> {
  const db = database();
  const ownerId = people().find((p) => p.role === "owner")!.id;
  const one = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as Row | undefined;
  const both = (sql: string) =>
    [one(`${sql} AND ownerId = ?`, ownerId), one(`${sql} AND (ownerId IS NULL OR ownerId <> ?)`, ownerId)].filter((r) => r !== undefined);
  try {
    const apis = both("SELECT id, ownerId FROM Api WHERE 1 = 1").map((r) => ({
      id: r.id!,
      params: { id: r.id! },
      owners: new Set([r.ownerId].filter(present)),
    }));
    const consumerRows = both(
      "SELECT c.id, c.ownerId, cc.credentialId FROM Consumer c JOIN ConsumerCredential cc ON cc.consumerId = c.id WHERE c.status = 'ACTIVE'",
    );
    const consumers = consumerRows.map((r) => ({ id: r.id!, params: { id: r.id! }, owners: new Set([r.ownerId].filter(present)) }));
    // A credential is its consumers' owners' to change.
    const credentials = consumerRows.map((r) => {
      const owners = db
        .prepare("SELECT c.ownerId FROM ConsumerCredential cc JOIN Consumer c ON c.id = cc.consumerId WHERE cc.credentialId = ?")
        .all(r.credentialId) as Row[];
      return { id: r.credentialId!, params: { id: r.id!, credentialId: r.credentialId! }, owners: new Set(owners.map((o) => o.ownerId).filter(present)) };
    });
    // A grant is its API owner's to change.
    const grants = [
      one("SELECT g.id, a.ownerId FROM \"Grant\" g JOIN Api a ON a.id = g.apiId WHERE g.status = 'ACTIVE' AND a.ownerId = ?", ownerId),
      one("SELECT g.id, a.ownerId FROM \"Grant\" g JOIN Api a ON a.id = g.apiId WHERE g.status = 'ACTIVE' AND (a.ownerId IS NULL OR a.ownerId <> ?)", ownerId),
    ]
      .filter((r) => r !== undefined)
      .map((r) => ({ id: r.id!, params: { id: r.id! }, owners: new Set([r.ownerId].filter(present)) }));
    const campaigns = [
      one("SELECT id, createdById FROM Campaign WHERE createdById = ?", ownerId),
      one("SELECT id, createdById FROM Campaign WHERE createdById <> ?", ownerId),
    ]
      .filter((r) => r !== undefined)
      .map((r) => ({ id: r.id!, params: { id: r.id! }, owners: new Set([r.createdById!]) }));
    const requests = (
      db.prepare("SELECT r.id, r.requesterId, c.ownerId FROM AccessRequest r JOIN Consumer c ON c.id = r.consumerId LIMIT 2").all() as Row[]
    ).map((r) => {
      const steps = db.prepare("SELECT assigneeId, decidedById FROM AccessRequestStep WHERE requestId = ?").all(r.id) as Row[];
      // Its requester, its consumer's owner, and whoever a step names.
      const owners = [r.requesterId, r.ownerId, ...steps.flatMap((s) => [s.assigneeId, s.decidedById])].filter(present);
      return { id: r.id!, params: { id: r.id! }, owners: new Set(owners) };
    });
    const roles = (db.prepare("SELECT id FROM JobRole LIMIT 1").all() as Row[]).map((r) => ({ id: r.id!, params: { id: r.id! }, owners: new Set<string>() }));
    return { api: apis, consumer: consumers, credential: credentials, grant: grants, campaign: campaigns, request: requests, role: roles };
  } finally {
    db.close();
  }
}

/** A route pattern with its parameters filled in. */
export function fill(route: string, params: Record<string, string>): string {
  return route.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`${route}: no value for [${name}]`);
    return value;
  });
}
