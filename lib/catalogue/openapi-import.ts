// Reading an API's OpenAPI 3.x or Swagger 2.0 document (JSON or YAML) and planning its import:
// every OAuth2 scope across all flows becomes a Scope, each operation's security requirement
// is kept as the scopes it needs, and implicit or password flows are flagged (NHI4:2025). A
// re-import reports what was added and removed; commands/import-api.ts applies the plan.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AccessLevel, DataClassification, Environment, Exposure } from "@/lib/generated/prisma/enums";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import type { Access } from "@/lib/server/command";
import { db, type Db, type Tx } from "@/lib/server/db";
import { invalid } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const importInput = z.strictObject({
  document: z.union([z.string().min(1, "Attach an OpenAPI or Swagger document").max(20_000_000, "The document is over 20 MB"), z.record(z.string(), z.unknown())]),
  name: z.preprocess(blank, z.string().trim().min(2).max(120).optional()).describe("Defaults to the document's info.title"),
  teamId: z.string().trim().min(1, "Choose a team").max(64),
  ownerId: z.preprocess(blank, z.string().trim().min(1).max(64).optional()),
  environment: z.enum(Environment, { error: "Choose an environment" }),
  exposure: z.enum(Exposure, { error: "Choose an exposure" }),
  classification: z.enum(DataClassification, { error: "Choose a data classification" }),
  source: z.preprocess(blank, z.string().trim().max(300).optional()).describe("Where the document came from (file name or URL)"),
});
export type ImportInput = z.infer<typeof importInput>;

export type ParsedDocument = {
  title: string;
  version: "OpenAPI 3" | "Swagger 2";
  scopes: Map<string, string>;
  operations: { method: string; path: string; operationId: string | null; summary: string; scopes: string[] }[];
  implicitFlow: boolean;
  passwordFlow: boolean;
};

/** read / write / admin from a scope's name, the way providers usually spell them. */
export function inferLevel(name: string): AccessLevel {
  const n = name.toLowerCase();
  if (/(^|[^a-z])admin|superuser|root|owner|:all$|full[_-]?access/.test(n)) return "ADMIN";
  if (/write|modify|create|update|delete|remove|edit|manage|upload|send|post|control|import|invite|:w$/.test(n)) return "WRITE";
  return "READ";
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});

function loadDocument(document: string | Obj): Obj {
  if (typeof document !== "string") return document;
  try {
    return obj(document.trimStart().startsWith("{") ? JSON.parse(document) : parseYaml(document, { maxAliasCount: 10_000 }));
  } catch (error) {
    throw invalid("The document is neither valid JSON nor valid YAML.", { document: [error instanceof Error ? error.message.split("\n")[0] : "Unreadable"] });
  }
}

export function parseDocument(document: string | Obj): ParsedDocument {
  const doc = loadDocument(document);
  const version = typeof doc.openapi === "string" && doc.openapi.startsWith("3.") ? "OpenAPI 3" : doc.swagger === "2.0" ? "Swagger 2" : null;
  if (!version) throw invalid("Not an OpenAPI 3.x or Swagger 2.0 document.", { document: ["Expected an `openapi: 3.x` or `swagger: \"2.0\"` field"] });
  const schemes = version === "OpenAPI 3" ? obj(obj(doc.components).securitySchemes) : obj(doc.securityDefinitions);
  const scopes = new Map<string, string>();
  let implicitFlow = false;
  let passwordFlow = false;
  const oauth = new Set<string>();
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = obj(raw);
    if (scheme.type !== "oauth2") continue;
    oauth.add(name);
    const flows: [string, Obj][] = version === "OpenAPI 3" ? Object.entries(obj(scheme.flows)).map(([k, v]) => [k, obj(v)]) : [[String(scheme.flow), scheme]];
    for (const [flow, body] of flows) {
      if (flow === "implicit") implicitFlow = true;
      if (flow === "password") passwordFlow = true;
      for (const [scope, description] of Object.entries(obj(body.scopes))) if (!scopes.get(scope)) scopes.set(scope, typeof description === "string" ? description : "");
    }
  }
  const globalSecurity = Array.isArray(doc.security) ? doc.security : [];
  const operations: ParsedDocument["operations"] = [];
  for (const [path, rawItem] of Object.entries(obj(doc.paths))) {
    const item = obj(rawItem);
    for (const method of METHODS) {
      if (!item[method]) continue;
      const op = obj(item[method]);
      const security = Array.isArray(op.security) ? op.security : globalSecurity;
      const needed = new Set<string>();
      for (const requirement of security) {
        for (const [scheme, list] of Object.entries(obj(requirement))) {
          if (!oauth.has(scheme) || !Array.isArray(list)) continue;
          for (const scope of list) if (typeof scope === "string") needed.add(scope);
        }
      }
      // A scope an operation asks for but no flow declares is a scope all the same.
      for (const scope of needed) if (!scopes.has(scope)) scopes.set(scope, "");
      operations.push({ method: method.toUpperCase(), path, operationId: typeof op.operationId === "string" ? op.operationId : null, summary: typeof op.summary === "string" ? op.summary.slice(0, 500) : "", scopes: [...needed].sort() });
    }
  }
  const title = typeof obj(doc.info).title === "string" ? String(obj(doc.info).title).trim().slice(0, 120) : "";
  return { title, version, scopes, operations, implicitFlow, passwordFlow };
}

export type ImportPlan = Awaited<ReturnType<typeof planImport>>;

/**
 * What an import would change, read in the caller's transaction. An existing API of the same
 * name and environment is updated only by a caller who may change it.
 */
export async function planImport(tx: Db | Tx, access: Pick<Access, "reach" | "ctx">, input: ImportInput) {
  const parsed = parseDocument(input.document);
  const name = input.name ?? parsed.title;
  if (!name || name.length < 2) throw invalid("Some fields need attention.", { name: ["The document has no title: name the API"] });
  const existing = await tx.api.findFirst({
    where: { name, environment: input.environment },
    select: { id: true, ownerId: true, scopes: { select: { id: true, name: true, _count: { select: { grants: true } } } } },
  });
  if (existing && access.reach === "own" && existing.ownerId !== access.ctx.userId) {
    throw invalid("Some fields need attention.", { name: ["An API with this name exists in this environment and you do not own it"] });
  }
  const have = new Map((existing?.scopes ?? []).map((s) => [s.name, s]));
  const added = [...parsed.scopes.keys()].filter((s) => !have.has(s)).sort();
  const gone = [...have.values()].filter((s) => !parsed.scopes.has(s.name));
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
      added: added.map((s) => ({ name: s, level: inferLevel(s) })),
      removed: gone.filter((s) => s._count.grants === 0).map((s) => s.name).sort(),
      keptWhileGranted: gone.filter((s) => s._count.grants > 0).map((s) => s.name).sort(),
      unchanged: parsed.scopes.size - added.length,
      implicitFlow: parsed.implicitFlow,
      passwordFlow: parsed.passwordFlow,
    },
  };
}

/** The preview: what the import would do, without changing anything. */
export async function previewImport(ctx: Ctx, raw: unknown) {
  const input = parseInput(importInput, raw);
  const reach = requirePermission(ctx, "api.create");
  return (await planImport(db, { reach, ctx }, input)).summary;
}
