// Planning an API's import from its document (read by openapi-document.ts): the scopes it adds,
// with their levels, the scopes it drops (deleted, or kept marked removed while something names
// them), and those it brings back. The preview shows the plan; commands/import-api.ts applies it.
import { z } from "zod";
import { DataClassification, Environment, Exposure } from "@/lib/generated/prisma/enums";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import type { Access } from "@/lib/server/command";
import { db, type Db, type Tx } from "@/lib/server/db";
import { invalid } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import type { ParsedDocument } from "./openapi-document";
import { readDocument } from "./openapi-read";
import { inferLevel } from "./scope-level";
import { MAX_DOCUMENT_BYTES } from "./upload-limits";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const importInput = z.strictObject({
  document: z.union([
    z.string().min(1, "Attach an OpenAPI or Swagger document").max(MAX_DOCUMENT_BYTES, "The document is over 20 MB"),
    z.record(z.string(), z.unknown()),
  ]),
  name: z.preprocess(blank, z.string().trim().min(2).max(120).optional()).describe("Defaults to the document's info.title"),
  teamId: z.string().trim().min(1, "Choose a team").max(64),
  ownerId: z.preprocess(blank, z.string().trim().min(1).max(64).optional()),
  environment: z.enum(Environment, { error: "Choose an environment" }),
  exposure: z.enum(Exposure, { error: "Choose an exposure" }),
  classification: z.enum(DataClassification, { error: "Choose a data classification" }),
  source: z.preprocess(blank, z.string().trim().max(300).optional()).describe("Where the document came from (file name or URL)"),
});
export type ImportInput = z.infer<typeof importInput>;

export type ImportPlan = Awaited<ReturnType<typeof planImport>>;

/** How far an import's writing has got: operations, then (operation, scope) pairs. */
export type ImportProgress = { phase: "operations" | "pairs"; done: number; total: number };

/**
 * The document read before the import's transaction opens; for an import run in the background,
 * its job (finished in the import's own transaction) and who hears of its progress.
 */
export type ReadImport = { parsed: ParsedDocument; jobId?: string; onProgress?: (progress: ImportProgress) => void };

export async function readImport(input: ImportInput): Promise<ReadImport> {
  return { parsed: await readDocument(input.document) };
}

/**
 * What an import would change, read in the caller's transaction from the document already read.
 * An existing API of the same name and environment is updated only by a caller who may change it.
 */
export async function planImport(tx: Db | Tx, access: Pick<Access, "reach" | "ctx">, input: ImportInput, parsed: ParsedDocument) {
  const name = input.name ?? parsed.title;
  if (!name || name.length < 2) throw invalid("Some fields need attention.", { name: ["The document has no title: name the API"] });
  const existing = await tx.api.findFirst({
    where: { name, environment: input.environment },
    select: {
      id: true,
      ownerId: true,
      scopes: { select: { id: true, name: true, removedAt: true, _count: { select: { grants: true, requests: true } } } },
    },
  });
  if (existing && access.reach === "own" && existing.ownerId !== access.ctx.userId) {
    throw invalid("Some fields need attention.", { name: ["An API with this name exists in this environment and you do not own it"] });
  }
  const have = new Map((existing?.scopes ?? []).map((s) => [s.name, s]));
  // Which methods require each scope: a scope that a writing operation requires writes.
  const methods = new Map<string, Set<string>>();
  for (const op of parsed.operations) for (const scope of op.scopes) methods.set(scope, (methods.get(scope) ?? new Set()).add(op.method));
  const added = [...parsed.scopes.keys()].filter((s) => !have.has(s)).sort();
  const gone = [...have.values()].filter((s) => !parsed.scopes.has(s.name));
  // A scope the document no longer declares goes, unless a grant (live or ended) or a request names
  // it: then it stays, marked removed, so that history keeps its meaning and decisions deny it.
  const referenced = (s: (typeof gone)[number]) => s._count.grants > 0 || s._count.requests > 0;
  const known = parsed.servers.length
    ? await tx.apiAddress.findMany({
        where: { kind: "BASE_URL", value: { in: parsed.servers } },
        select: { value: true, apiId: true, api: { select: { name: true } } },
      })
    : [];
  const taken = new Map(known.map((a) => [a.value, a]));
  return {
    parsed,
    name,
    existingId: existing?.id ?? null,
    summary: {
      api: name,
      version: parsed.version,
      action: existing ? ("update" as const) : ("create" as const),
      scopes: parsed.scopes.size,
      operations: parsed.operations.length,
      added: added.map((s) => ({ name: s, level: inferLevel(s, parsed.scopes.get(s), methods.get(s)) })),
      removed: gone
        .filter((s) => !referenced(s))
        .map((s) => s.name)
        .sort(),
      keptWhileGranted: gone
        .filter(referenced)
        .map((s) => s.name)
        .sort(),
      restored: [...have.values()]
        .filter((s) => s.removedAt && parsed.scopes.has(s.name))
        .map((s) => s.name)
        .sort(),
      unchanged: parsed.scopes.size - added.length,
      implicitFlow: parsed.implicitFlow,
      passwordFlow: parsed.passwordFlow,
      rejected: parsed.rejected,
      baseUrls: {
        added: parsed.servers.filter((u) => !taken.has(u)),
        // A base URL names one API: one that already names another is left to it.
        elsewhere: parsed.servers.flatMap((u) => {
          const other = taken.get(u);
          return other && other.apiId !== existing?.id ? [{ url: u, api: other.api.name }] : [];
        }),
      },
    },
  };
}

/** The preview: what the import would do, without changing anything. */
export async function previewImport(ctx: Ctx, raw: unknown) {
  const reach = requirePermission(ctx, "api.create");
  const input = parseInput(importInput, raw);
  const { parsed } = await readImport(input);
  return (await planImport(db, { reach, ctx }, input, parsed)).summary;
}
