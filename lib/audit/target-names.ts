// The records an audit page names, by name instead of by id: one query per kind of record on
// the page, whatever its length. A record deleted since keeps its id (the log outlives it).
import { db } from "@/lib/server/db";

export type TargetName = { name: string; href: string | null };
type Target = { targetType: string; targetId: string };

const key = (type: string, id: string) => `${type}:${id}`;

/** Names (and links, where the record has a page) of the targets of these events. */
export async function targetNames(events: Target[]): Promise<Map<string, TargetName>> {
  const ids = (type: string) => [...new Set(events.filter((e) => e.targetType === type).map((e) => e.targetId))];
  const [apis, consumers, grants, requests, campaigns, users, credentials, scopes] = await Promise.all([
    db.api.findMany({ where: { id: { in: ids("Api") } }, select: { id: true, name: true } }),
    db.consumer.findMany({ where: { id: { in: ids("Consumer") } }, select: { id: true, name: true } }),
    db.grant.findMany({ where: { id: { in: ids("Grant") } }, select: { id: true, consumer: { select: { name: true } }, api: { select: { name: true } } } }),
    db.accessRequest.findMany({
      where: { id: { in: ids("AccessRequest") } },
      select: { id: true, consumer: { select: { name: true } }, api: { select: { name: true } } },
    }),
    db.campaign.findMany({ where: { id: { in: ids("Campaign") } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids("User") } }, select: { id: true, name: true, email: true } }),
    db.credential.findMany({ where: { id: { in: ids("Credential") } }, select: { id: true, label: true } }),
    db.scope.findMany({ where: { id: { in: ids("Scope") } }, select: { id: true, name: true, api: { select: { id: true, name: true } } } }),
  ]);
  const names = new Map<string, TargetName>();
  for (const a of apis) names.set(key("Api", a.id), { name: a.name, href: `/apis/${a.id}` });
  for (const c of consumers) names.set(key("Consumer", c.id), { name: c.name, href: `/consumers/${c.id}` });
  for (const g of grants) names.set(key("Grant", g.id), { name: `${g.consumer.name} on ${g.api.name}`, href: `/grants/${g.id}` });
  for (const r of requests) names.set(key("AccessRequest", r.id), { name: `${r.consumer.name} on ${r.api.name}`, href: `/requests/${r.id}` });
  for (const c of campaigns) names.set(key("Campaign", c.id), { name: c.name, href: `/reviews/${c.id}` });
  for (const u of users) names.set(key("User", u.id), { name: `${u.name} (${u.email})`, href: null });
  for (const c of credentials) names.set(key("Credential", c.id), { name: c.label, href: null });
  for (const s of scopes) names.set(key("Scope", s.id), { name: `${s.name} of ${s.api.name}`, href: `/apis/${s.api.id}` });
  return names;
}

export const targetKey = key;
