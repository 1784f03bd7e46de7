// Scopeward as an OpenID AuthZEN Authorization API 1.0 policy decision point: the Access
// Evaluation and Access Evaluations APIs and the PDP's metadata, mapped onto decisions.ts.
// The subject is a consumer named by an identity (its `type` may say which kind); a resource
// of type `route` is an operation (its id the route template or path, `action.name` the HTTP
// method, the API named in its properties or found among the subject's granted APIs); a
// resource of type `api` is an API, and `action.name` a scope of it. `context.on_behalf_of`
// names the person an agent acts for. Answers carry the reasons in `context`.
import { z } from "zod";
import type { IdentityKind } from "@/lib/generated/prisma/enums";
import { hotQuery } from "@/lib/server/driver";
import { parseInput } from "@/lib/server/validation";
import { apiVersionFor, evaluate, type Decision } from "./decisions";
import { consumerTag, remembered } from "./live-view";
import { resolveApi, resolveConsumer, type ApiName, type ConsumerName, type Resolved } from "./names";
import { routesOf } from "./operation-table";

export const AUTHZEN_PATHS = {
  evaluation: "/access/v1/evaluation",
  evaluations: "/access/v1/evaluations",
  configuration: "/.well-known/authzen-configuration",
} as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const properties = z.record(z.string(), z.unknown()).optional();
const subject = z.object({ type: text(100), id: text(500), properties });
const action = z.object({ name: text(200), properties });
const resource = z.object({ type: text(100), id: text(2000), properties });
const context = z.record(z.string(), z.unknown()).optional();

export const evaluationRequest = z.object({ subject, action, resource, context });
// In a batch, the top-level values are defaults each evaluation may replace (AuthZEN §7.1).
const evaluationItem = z.object({ subject: subject.optional(), action: action.optional(), resource: resource.optional(), context });
export const evaluationsRequest = z.object({
  subject: subject.optional(),
  action: action.optional(),
  resource: resource.optional(),
  context,
  evaluations: z.array(evaluationItem).max(1000, "At most 1,000 evaluations per request").optional(),
  options: z
    .object({ evaluations_semantic: z.enum(["execute_all", "deny_on_first_deny", "permit_on_first_permit"]).default("execute_all") })
    .partial()
    .optional(),
});

type EvaluationRequest = z.output<typeof evaluationRequest>;
// Evaluations of one batch in flight at once: enough to hide PostgreSQL's round trips, few
// enough to leave connections of the pool to other callers.
const BATCH_PARALLELISM = 8;
export type AuthzenDecision = { decision: boolean; context: { reasons: string[]; reason_admin: { en: string }; grant_id?: string; operation?: string } };

// Subject types that say which kind of identity the id is; any other type narrows nothing.
const KINDS: Record<string, IdentityKind> = {
  client_id: "CLIENT_ID",
  client: "CLIENT_ID",
  subject: "SUBJECT",
  sub: "SUBJECT",
  spiffe: "SPIFFE",
  spiffe_id: "SPIFFE",
  api_key: "API_KEY_PREFIX",
  api_key_prefix: "API_KEY_PREFIX",
};

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

function consumerName(entity: { type?: string; id: string; properties?: Record<string, unknown> }): ConsumerName {
  const type = entity.type?.toLowerCase().replace(/-/g, "_") ?? "";
  return { value: entity.id, kind: KINDS[type], issuer: str(entity.properties?.issuer) ?? str(entity.properties?.iss) };
}

/** The API a resource's properties name, if they name one. */
function apiNamed(props: Record<string, unknown> = {}): ApiName | null {
  const value = str(props.api) ?? str(props.api_id) ?? str(props.id) ?? str(props.audience) ?? str(props.base_url) ?? str(props.baseUrl);
  if (value) return { value };
  if (str(props.name)) return { name: str(props.name) };
  if (str(props.host)) return { host: str(props.host) };
  return null;
}

const GRANTED_APIS_SQL = `SELECT DISTINCT g."apiId" AS "id" FROM "Grant" g
  WHERE g."consumerId" = $1 AND g.status IN ('ACTIVE', 'SUSPENDED', 'PENDING')`;

/** The one API among the subject's granted APIs that declares the operation. */
async function apiDeclaring(consumerId: string, method: string, path: string): Promise<Resolved> {
  const granted = await remembered(`granted ${consumerId}`, [consumerTag(consumerId)], () =>
    hotQuery("granted-apis", GRANTED_APIS_SQL, [consumerId], z.object({ id: z.string() })),
  );
  // Side by side: through the console's route each version is a round trip of its own.
  const versions = await Promise.all(granted.map(async (api) => ({ id: api.id, version: await apiVersionFor(consumerId, api.id) })));
  const declaring: string[] = [];
  for (const { id, version } of versions) if (version && (await routesOf(id, version)).match(method, path)) declaring.push(id);
  if (declaring.length === 1) return { id: declaring[0]! };
  if (declaring.length === 0) return { reason: `None of the subject's granted APIs declares ${method} ${path}` };
  return { reason: `${declaring.length} of the subject's granted APIs declare ${method} ${path}: name the API in resource.properties` };
}

function answer(d: Pick<Decision, "decision" | "reasons" | "grantId" | "operation">): AuthzenDecision {
  return {
    decision: d.decision === "allow",
    context: {
      reasons: d.reasons,
      reason_admin: { en: d.reasons.join(". ") },
      ...(d.grantId && { grant_id: d.grantId }),
      ...(d.operation && { operation: `${d.operation.method} ${d.operation.path}` }),
    },
  };
}
const deny = (reason: string) => answer({ decision: "deny", reasons: [reason], grantId: null, operation: null });

function onBehalfOf(ctx: Record<string, unknown> | undefined): ConsumerName | null {
  const raw = ctx?.on_behalf_of;
  if (typeof raw === "string" && raw.trim()) return { value: raw.trim() };
  if (raw && typeof raw === "object" && "id" in raw && typeof raw.id === "string") {
    const entity = raw as { id: string; type?: unknown; properties?: unknown };
    return consumerName({
      id: entity.id,
      type: typeof entity.type === "string" ? entity.type : undefined,
      properties: entity.properties && typeof entity.properties === "object" ? Object.fromEntries(Object.entries(entity.properties)) : undefined,
    });
  }
  return null;
}

/** The API an evaluation's resource names, when it names one without the subject's help. */
function namedApi(request: EvaluationRequest): Promise<Resolved> | null {
  const type = request.resource.type.toLowerCase();
  if (type === "api")
    return resolveApi({ value: request.resource.id }).then(async (byValue) => {
      if ("id" in byValue) return byValue;
      const byName = await resolveApi({ name: request.resource.id });
      return "id" in byName ? byName : byValue;
    });
  const named = type === "route" ? apiNamed(request.resource.properties) : null;
  return named ? resolveApi({ ...named, path: named.host ? request.resource.id : undefined }) : null;
}

async function evaluateOne(request: EvaluationRequest, now: Date): Promise<AuthzenDecision> {
  const type = request.resource.type.toLowerCase();
  if (type !== "route" && type !== "api") return deny(`Scopeward decides resources of type route or api, not ${request.resource.type}`);
  const method = request.action.name.toUpperCase();
  if (type === "route") {
    if (!/^[A-Z]{1,20}$/.test(method)) return deny(`A route's action is an HTTP method, not ${request.action.name}`);
    if (!request.resource.id.startsWith("/")) return deny("A route's id is its template or path, starting with /");
  }
  const person = onBehalfOf(request.context);
  // The names are independent: resolved at once (from the live view on PostgreSQL).
  const [subjectId, named, personId] = await Promise.all([
    resolveConsumer(consumerName(request.subject), "subject"),
    namedApi(request),
    person ? resolveConsumer(person, "person it acts for") : null,
  ]);
  if ("reason" in subjectId) return deny(subjectId.reason);
  const operation = type === "route" ? { method, path: request.resource.id } : undefined;
  const apiId = named ?? (await apiDeclaring(subjectId.id, method, request.resource.id));
  if ("reason" in apiId) return deny(apiId.reason);
  if (personId && "reason" in personId) return deny(personId.reason);
  const scopes = type === "api" ? [request.action.name] : [];
  const onBehalfOfId = personId?.id;
  return answer(await evaluate({ consumerId: subjectId.id, apiId: apiId.id, scopes, operation, onBehalfOfId }, now));
}

/** POST /access/v1/evaluation. */
export async function accessEvaluation(raw: unknown, now = new Date()): Promise<AuthzenDecision> {
  return evaluateOne(parseInput(evaluationRequest, raw), now);
}

/** POST /access/v1/evaluations: each evaluation with the request's defaults, under its semantic. */
export async function accessEvaluations(raw: unknown, now = new Date()): Promise<AuthzenDecision | { evaluations: AuthzenDecision[] }> {
  const input = parseInput(evaluationsRequest, raw);
  const defaults = { subject: input.subject, action: input.action, resource: input.resource, context: input.context };
  // Without evaluations it is a single evaluation (AuthZEN §7.1).
  if (!input.evaluations?.length) return evaluateOne(parseInput(evaluationRequest, defaults), now);
  const semantic = input.options?.evaluations_semantic ?? "execute_all";
  const one = (item: (typeof input.evaluations)[number], index: number) => {
    const merged = {
      subject: item.subject ?? defaults.subject,
      action: item.action ?? defaults.action,
      resource: item.resource ?? defaults.resource,
      context: item.context ?? defaults.context,
    };
    const complete = evaluationRequest.safeParse(merged);
    return complete.success
      ? evaluateOne(complete.data, now)
      : Promise.resolve(
          deny(`Evaluation ${index} lacks ${["subject", "action", "resource"].filter((k) => !Reflect.get(merged, k)).join(", ") || "valid values"}`),
        );
  };
  const evaluations: AuthzenDecision[] = [];
  if (semantic === "execute_all") {
    // Independent evaluations run side by side, a few at a time, answered in order.
    for (let i = 0; i < input.evaluations.length; i += BATCH_PARALLELISM)
      evaluations.push(...(await Promise.all(input.evaluations.slice(i, i + BATCH_PARALLELISM).map((item, k) => one(item, i + k)))));
    return { evaluations };
  }
  for (const [index, item] of input.evaluations.entries()) {
    const result = await one(item, index);
    evaluations.push(result);
    if (semantic === "deny_on_first_deny" && !result.decision) break;
    if (semantic === "permit_on_first_permit" && result.decision) break;
  }
  return { evaluations };
}

/** GET /.well-known/authzen-configuration: the PDP's identifier and endpoints (AuthZEN §9). */
export function authzenConfiguration(origin: string) {
  return {
    policy_decision_point: origin,
    access_evaluation_endpoint: `${origin}${AUTHZEN_PATHS.evaluation}`,
    access_evaluations_endpoint: `${origin}${AUTHZEN_PATHS.evaluations}`,
  };
}
