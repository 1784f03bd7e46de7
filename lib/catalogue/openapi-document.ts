// Reading an API's OpenAPI 3.x or Swagger 2.0 document (JSON or YAML) into what an import keeps:
// every OAuth2 and OpenID Connect scope, each operation with the scopes its security requirements
// name, and whether insecure flows are declared (NHI4:2025). Bounded before anything is written:
// the document's size, its scopes, operations and (operation, scope) pairs. Faithful: validated
// against the specification's schema (problems named by JSON Pointer), local $refs followed
// (path items and security schemes included), YAML merge keys applied, external $refs refused by
// name and never fetched.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { invalid } from "@/lib/server/errors";
import { schemaProblems, type Specification } from "./openapi-schema";
import { scopeNameProblem } from "./scope-name";

export const IMPORT_LIMITS = { bytes: 20_000_000, scopes: 2_000, operations: 10_000, pairs: 100_000 } as const;
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

export const parsedDocumentSchema = z.object({
  title: z.string(),
  version: z.enum(["OpenAPI 3", "Swagger 2"]),
  // Scope name → description.
  scopes: z.map(z.string(), z.string()),
  operations: z.array(
    z.object({
      method: z.string(),
      path: z.string(),
      operationId: z.string().nullable(),
      summary: z.string(),
      // Every scope any of its requirements names (for levels and counts).
      scopes: z.array(z.string()),
      // Its alternative requirement sets that name scopes; any one suffices.
      requirements: z.array(z.array(z.string())),
      // A live grant alone suffices: no security, or an alternative that names no scope.
      scopeFree: z.boolean(),
    }),
  ),
  // Absolute base URLs from the document's servers (OpenAPI 3) or host and basePath (Swagger 2).
  servers: z.array(z.string()),
  implicitFlow: z.boolean(),
  passwordFlow: z.boolean(),
  // Scopes whose names break the rule (scope-name.ts), left out with every operation that needs one.
  rejected: z.array(z.object({ scope: z.string(), problem: z.string(), operations: z.number().int() })),
});
export type ParsedDocument = z.infer<typeof parsedDocumentSchema>;

/**
 * A rejected name as it can be shown and stored (PostgreSQL refuses NUL even inside JSON): its
 * invisible characters written as \u escapes, and at most 80 characters.
 */
function shown(name: string): string {
  const visible = name.replace(/\p{C}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return visible.length > 80 ? `${visible.slice(0, 80)}…` : visible;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const fmt = (n: number) => n.toLocaleString("en");
const refuse = (message: string, problems: string[]) => invalid(message, { document: problems });

function load(document: string | Obj): Obj {
  if (typeof document !== "string") {
    // A document sent as JSON is bounded like one sent as text.
    if (JSON.stringify(document).length > IMPORT_LIMITS.bytes) throw refuse("The document is too large.", [`At most ${IMPORT_LIMITS.bytes / 1_000_000} MB`]);
    return document;
  }
  if (Buffer.byteLength(document) > IMPORT_LIMITS.bytes) throw refuse("The document is too large.", [`At most ${IMPORT_LIMITS.bytes / 1_000_000} MB`]);
  let parsed: unknown;
  try {
    // YAML merge keys (<<) are applied; aliases are capped, so a small document cannot expand without end.
    parsed = document.trimStart().startsWith("{") ? JSON.parse(document) : parseYaml(document, { merge: true, maxAliasCount: 10_000 });
  } catch (error) {
    throw refuse("The document is neither valid JSON nor valid YAML.", [error instanceof Error ? (error.message.split("\n")[0] ?? "") : "Unreadable"]);
  }
  if (!isObj(parsed)) throw refuse("The document is not an OpenAPI or Swagger document.", ["Expected an object at the top"]);
  return parsed;
}

function specificationOf(doc: Obj): Specification {
  if (doc.swagger === "2.0") return "swagger2";
  if (typeof doc.openapi === "string" && /^3\.0\.\d+/.test(doc.openapi)) return "openapi30";
  if (typeof doc.openapi === "string" && /^3\.1\.\d+/.test(doc.openapi)) return "openapi31";
  throw refuse("Not an OpenAPI 3.0, 3.1 or Swagger 2.0 document.", ['Expected an `openapi: 3.0.x` or `3.1.x`, or a `swagger: "2.0"` field']);
}

/** Every external $ref (one that is not "#/…"), with where it stands: an import never fetches one. */
function externalRefs(node: unknown, at: string, found: string[]) {
  if (found.length >= 10) return;
  if (Array.isArray(node)) node.forEach((v, i) => externalRefs(v, `${at}/${i}`, found));
  else if (isObj(node)) {
    for (const [key, value] of Object.entries(node)) {
      const here = `${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (key === "$ref" && typeof value === "string" && !value.startsWith("#")) found.push(`${here}: ${value}`);
      else externalRefs(value, here, found);
    }
  }
}

/** A local $ref followed (through chains, not cycles) to the object it names. */
function resolve(doc: Obj, value: unknown, at: string): Obj {
  let current = value;
  for (let hops = 0; isObj(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (hops > 20) throw refuse("The document's references go round in a circle.", [`${at}: ${ref}`]);
    let target: unknown = doc;
    for (const part of ref.replace(/^#\/?/, "").split("/").filter(Boolean)) {
      target = obj(target)[part.replaceAll("~1", "/").replaceAll("~0", "~")];
    }
    if (target === undefined) throw refuse("A reference in the document points nowhere.", [`${at}: ${ref}`]);
    current = target;
  }
  return obj(current);
}

/**
 * The document's absolute base URLs: OpenAPI 3 servers with their variables at their defaults,
 * Swagger 2's schemes, host and basePath. Relative servers name no host and are left out.
 */
function serversOf(doc: Obj, swagger: boolean): string[] {
  const urls: string[] = [];
  if (swagger) {
    if (typeof doc.host === "string") {
      const schemes = Array.isArray(doc.schemes) ? doc.schemes.filter((x): x is string => typeof x === "string") : ["https"];
      const basePath = typeof doc.basePath === "string" ? doc.basePath : "";
      for (const scheme of schemes) urls.push(`${scheme}://${doc.host}${basePath}`);
    }
  } else if (Array.isArray(doc.servers)) {
    for (const raw of doc.servers) {
      const server = obj(raw);
      if (typeof server.url !== "string") continue;
      const variables = obj(server.variables);
      urls.push(server.url.replace(/\{([^}]+)\}/g, (all, name: string) => String(obj(variables[name]).default ?? all)));
    }
  }
  const absolute = urls.flatMap((u) => {
    const url = URL.parse(u);
    return url && (url.protocol === "https:" || url.protocol === "http:") && !u.includes("{") ? [normalBaseUrl(url)] : [];
  });
  return [...new Set(absolute)].slice(0, 50);
}

/** A base URL as stored and compared: scheme, host, port if any, path without a trailing slash. */
export function normalBaseUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

export function parseDocument(document: string | Obj): ParsedDocument {
  const doc = load(document);
  const spec = specificationOf(doc);
  const external: string[] = [];
  externalRefs(doc, "", external);
  if (external.length) throw refuse("The document refers to other files or addresses, which an import does not fetch: bundle it into one document.", external);
  const problems = schemaProblems(spec, doc);
  if (problems.length)
    throw refuse(
      `The document is not a valid ${spec === "swagger2" ? "Swagger 2.0" : "OpenAPI"} document.`,
      problems.map((p) => `${p.pointer || "/"}: ${p.message}`),
    );

  const swagger = spec === "swagger2";
  const schemes = swagger ? obj(doc.securityDefinitions) : obj(obj(doc.components).securitySchemes);
  const scopes = new Map<string, string>();
  let implicitFlow = false;
  let passwordFlow = false;
  // Schemes whose requirements name scopes: OAuth2, and OpenID Connect (its scopes live only in requirements).
  const scoped = new Set<string>();
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = resolve(doc, raw, `/securitySchemes/${name}`);
    if (scheme.type === "openIdConnect") scoped.add(name);
    if (scheme.type !== "oauth2") continue;
    scoped.add(name);
    const flows: [string, Obj][] = swagger ? [[String(scheme.flow), scheme]] : Object.entries(obj(scheme.flows)).map(([k, v]) => [k, obj(v)]);
    for (const [flow, body] of flows) {
      if (flow === "implicit") implicitFlow = true;
      if (flow === "password") passwordFlow = true;
      for (const [scope, description] of Object.entries(obj(body.scopes)))
        if (!scopes.get(scope)) scopes.set(scope, typeof description === "string" ? description : "");
    }
  }
  const globalSecurity = Array.isArray(doc.security) ? doc.security : [];
  const operations: ParsedDocument["operations"] = [];
  let pairs = 0;
  for (const [path, rawItem] of Object.entries(obj(doc.paths))) {
    // A path item may be a $ref to another place in the document.
    const item = resolve(doc, rawItem, `/paths/${path}`);
    for (const method of METHODS) {
      if (!item[method]) continue;
      const op = obj(item[method]);
      const security = Array.isArray(op.security) ? op.security : globalSecurity;
      const needed = new Set<string>();
      const requirements: string[][] = [];
      let scopeFree = security.length === 0;
      for (const requirement of security) {
        const set = new Set<string>();
        for (const [scheme, list] of Object.entries(obj(requirement))) {
          if (!scoped.has(scheme) || !Array.isArray(list)) continue;
          for (const scope of list) if (typeof scope === "string") set.add(scope);
        }
        if (set.size === 0) scopeFree = true;
        else requirements.push([...set].sort());
        for (const scope of set) needed.add(scope);
      }
      // A scope an operation asks for but no flow declares is a scope all the same.
      for (const scope of needed) if (!scopes.has(scope)) scopes.set(scope, "");
      pairs += requirements.reduce((n, set) => n + set.length, 0);
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: typeof op.operationId === "string" ? op.operationId.slice(0, 200) : null,
        summary: typeof op.summary === "string" ? op.summary.slice(0, 500) : "",
        scopes: [...needed].sort(),
        requirements,
        scopeFree,
      });
      if (operations.length > IMPORT_LIMITS.operations || pairs > IMPORT_LIMITS.pairs) break;
    }
  }
  const over = [
    scopes.size > IMPORT_LIMITS.scopes && `${fmt(scopes.size)} scopes: at most ${fmt(IMPORT_LIMITS.scopes)}`,
    operations.length > IMPORT_LIMITS.operations && `more than ${fmt(IMPORT_LIMITS.operations)} operations`,
    pairs > IMPORT_LIMITS.pairs && `more than ${fmt(IMPORT_LIMITS.pairs)} (operation, scope) pairs: operations that each require many scopes multiply`,
  ].filter((x): x is string => Boolean(x));
  if (over.length) throw refuse("The document is larger than an import takes; nothing was written.", over);
  // A scope whose name breaks the rule is left out, and so is every operation that needs it: an
  // operation kept without one of its scopes would seem to need less than it does.
  const badNames = new Map(
    [...scopes.keys()].flatMap((s) => {
      const problem = scopeNameProblem(s);
      return problem ? [[s, problem] as const] : [];
    }),
  );
  const rejected = [...badNames].map(([scope, problem]) => ({
    scope: shown(scope),
    problem,
    operations: operations.filter((o) => o.scopes.includes(scope)).length,
  }));
  for (const scope of badNames.keys()) scopes.delete(scope);
  const kept = operations.filter((o) => !o.scopes.some((s) => badNames.has(s)));
  const title = typeof obj(doc.info).title === "string" ? String(obj(doc.info).title).trim().slice(0, 120) : "";
  return {
    title,
    version: swagger ? "Swagger 2" : "OpenAPI 3",
    scopes,
    operations: kept,
    servers: serversOf(doc, swagger),
    implicitFlow,
    passwordFlow,
    rejected,
  };
}
