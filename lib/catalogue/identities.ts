// A consumer's identities at identity providers and gateways (OAuth client ids and token
// subjects with their issuer, SPIFFE ids, API-key prefixes) and an API's addresses (token
// audiences, base URLs): how callers outside name them. Each names one record: the database's
// unique keys hold that, and a clash is refused naming the record that holds the name.
import { z } from "zod";
import { IdentityKind } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/lib/server/db";
import { conflict } from "@/lib/server/errors";
import { normalBaseUrl } from "./openapi-document";

// Visible characters only: a name a gateway sends is compared exactly.
const visible = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "Give a value")
    .max(max, `At most ${max} characters`)
    .regex(/^[^\s\p{C}]+$/u, "No spaces or control characters");

export const identityInput = z
  .strictObject({
    kind: z.enum(IdentityKind, { error: "Choose CLIENT_ID, SUBJECT, SPIFFE or API_KEY_PREFIX" }),
    issuer: z
      .union([z.literal(""), visible(500)])
      .default("")
      .describe("The identity provider's issuer, where the value is unique only there"),
    value: visible(500),
  })
  .superRefine((identity, ctx) => {
    if (identity.kind === "SPIFFE" && !/^spiffe:\/\/[^/]+\/./.test(identity.value))
      ctx.addIssue({ code: "custom", path: ["value"], message: "A SPIFFE id looks like spiffe://trust-domain/path" });
    if (identity.kind === "API_KEY_PREFIX" && (identity.value.length < 4 || identity.value.length > 64))
      ctx.addIssue({ code: "custom", path: ["value"], message: "An API-key prefix is 4 to 64 characters" });
  });
export type IdentityInput = z.output<typeof identityInput>;

const key = (i: { kind: string; issuer: string; value: string }) => `${i.kind}\u0000${i.issuer}\u0000${i.value}`;

export const identitiesInput = z
  .array(identityInput)
  .max(50, "At most 50 identities")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((identity, index) => {
      if (seen.has(key(identity))) ctx.addIssue({ code: "custom", path: [index], message: "The same identity is listed twice" });
      seen.add(key(identity));
    });
  });

/** How an identity reads in a list, a CSV cell and the audit log: `KIND value [issuer]`. */
export function identityLabel(i: { kind: string; issuer: string; value: string }): string {
  return [i.kind, i.value, i.issuer].filter(Boolean).join(" ");
}

/** A form's text of one entry per line, as a list; absent when the form has no such field. */
export function linesOf(form: unknown, name: string): string[] | undefined {
  // Whatever a caller sent: the command refuses what is not a form.
  const text = form instanceof FormData ? form.get(name) : null;
  if (typeof text !== "string") return undefined;
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** An API's addresses of one kind as a form's text, one a line. */
export function linesFor(addresses: { kind: string; value: string }[], kind: "AUDIENCE" | "BASE_URL"): string {
  return addresses
    .filter((a) => a.kind === kind)
    .map((a) => a.value)
    .join("\n");
}

/** A CSV cell of identities: `KIND value [issuer]`, separated by semicolons. */
export function identitiesCell(list: { kind: string; issuer: string; value: string }[]): string {
  return list.map(identityLabel).join("; ");
}

/** The identities a CSV cell names, as input for identitiesInput to check. */
export function parseIdentitiesCell(cell: string): unknown[] {
  return cell
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [kind, value, issuer = "", ...rest] = part.split(/\s+/);
      return rest.length ? { kind, value, issuer: [issuer, ...rest].join(" ") } : { kind, value, issuer };
    });
}

type Diff = { before: string[]; after: string[]; changed: boolean };

/** Makes a consumer's identities exactly `list`, refusing one that names another consumer. */
export async function setIdentities(tx: Tx, consumerId: string, list: IdentityInput[]): Promise<Diff> {
  const current = await tx.consumerIdentity.findMany({ where: { consumerId }, orderBy: { createdAt: "asc" } });
  const wanted = new Map(list.map((i) => [key(i), i]));
  const have = new Map(current.map((i) => [key(i), i]));
  const added = [...wanted].filter(([k]) => !have.has(k)).map(([, i]) => i);
  const removed = current.filter((i) => !wanted.has(key(i)));
  if (added.length) {
    const taken = await tx.consumerIdentity.findMany({
      where: { OR: added.map(({ kind, issuer, value }) => ({ kind, issuer, value })), NOT: { consumerId } },
      select: { kind: true, issuer: true, value: true, consumer: { select: { name: true } } },
    });
    if (taken.length)
      throw conflict("An identity names another consumer.", {
        identities: taken.map((t) => `${identityLabel(t)} already names ${t.consumer.name}`),
      });
  }
  if (removed.length) await tx.consumerIdentity.deleteMany({ where: { id: { in: removed.map((i) => i.id) } } });
  if (added.length) await tx.consumerIdentity.createMany({ data: added.map((i) => ({ consumerId, kind: i.kind, issuer: i.issuer, value: i.value })) });
  return { before: current.map(identityLabel), after: list.map(identityLabel), changed: added.length + removed.length > 0 };
}

// --- An API's addresses ---

export const audiencesInput = z
  .array(visible(500))
  .max(20, "At most 20 audiences")
  .transform((list) => [...new Set(list)]);

export const baseUrlsInput = z
  .array(z.url({ protocol: /^https?$/, error: "Enter a full URL, e.g. https://api.example.com/v1" }).max(500))
  .max(20, "At most 20 base URLs")
  .transform((list) => [...new Set(list.map((u) => normalBaseUrl(new URL(u))))]);

/** A base URL's host as gateways and spans name it: lower-case, with a port only when not the default. */
export function hostOf(baseUrl: string): string {
  return URL.parse(baseUrl)?.host.toLowerCase() ?? "";
}

/** The lists to set (each only when given), and the API's own base URL, which always names it too. */
export type Addresses = { audiences?: string[]; baseUrls?: string[]; primary?: string; previousPrimary?: string };

/** Sets an API's audiences and base URLs, refusing one that names another API. */
export async function setAddresses(tx: Tx, apiId: string, wanted: Addresses): Promise<Diff> {
  const current = await tx.apiAddress.findMany({ where: { apiId }, orderBy: { createdAt: "asc" } });
  const label = (a: { kind: string; value: string }) => `${a.kind === "AUDIENCE" ? "audience" : "base URL"} ${a.value}`;
  const target = [
    ...(wanted.audiences ?? current.filter((a) => a.kind === "AUDIENCE").map((a) => a.value)).map((value) => ({ kind: "AUDIENCE" as const, value })),
    ...[
      ...new Set([
        // Kept as they are when not given, but a replaced own base URL goes with its replacement.
        ...(wanted.baseUrls ??
          current
            .filter((a) => a.kind === "BASE_URL")
            .map((a) => a.value)
            .filter((v) => !wanted.previousPrimary || wanted.previousPrimary === wanted.primary || v !== normalBaseUrl(new URL(wanted.previousPrimary)))),
        ...(wanted.primary ? [normalBaseUrl(new URL(wanted.primary))] : []),
      ]),
    ].map((value) => ({ kind: "BASE_URL" as const, value })),
  ];
  const k = (a: { kind: string; value: string }) => `${a.kind} ${a.value}`;
  const have = new Set(current.map(k));
  const want = new Set(target.map(k));
  const added = target.filter((a) => !have.has(k(a)));
  const removed = current.filter((a) => !want.has(k(a)));
  if (added.length) {
    const taken = await tx.apiAddress.findMany({
      where: { OR: added.map(({ kind, value }) => ({ kind, value })), NOT: { apiId } },
      select: { kind: true, value: true, api: { select: { name: true } } },
    });
    if (taken.length)
      throw conflict("An address names another API.", {
        [taken.some((t) => t.kind === "BASE_URL") ? "baseUrls" : "audiences"]: taken.map((t) => `The ${label(t)} already names ${t.api.name}`),
      });
  }
  if (removed.length) await tx.apiAddress.deleteMany({ where: { id: { in: removed.map((a) => a.id) } } });
  if (added.length)
    await tx.apiAddress.createMany({ data: added.map((a) => ({ apiId, kind: a.kind, value: a.value, host: a.kind === "BASE_URL" ? hostOf(a.value) : "" })) });
  // The decision point's compiled routes of this API know its base paths: a change is a new version.
  if (added.length || removed.length) await tx.api.update({ where: { id: apiId }, data: { updatedAt: new Date() } });
  return { before: current.map(label), after: target.map(label), changed: added.length + removed.length > 0 };
}
