// The OpenAPI 3.1 document of /api/v1, generated from the very zod schemas the handlers
// validate requests and shape responses with, so the document cannot drift from the code.
import { z } from "zod";
import { importJobOut } from "@/lib/catalogue/import-jobs";
import { importInput } from "@/lib/catalogue/openapi-import";
import { apiInput, consumerInput, credentialInput, grantInput, reasonInput } from "@/lib/catalogue/schemas";
import { decisionRequest, decisionResponse } from "./decisions";
import { eventBatch, ingestResult } from "./events";
import { apiOut, campaignOut, consumerOut, credentialOut, findingOut, grantOut, listOf } from "./resources";
import type { TokenScope } from "./tokens";

const schema = (s: z.ZodType, io: "input" | "output") => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  return rest;
};

const problem = {
  type: "object",
  description: "RFC 9457 problem details; `errors` lists each invalid field as a JSON Pointer and a message.",
  required: ["type", "title", "status"],
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: { type: "object", required: ["pointer", "detail"], properties: { pointer: { type: "string" }, detail: { type: "string" } } },
    },
  },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const ok = (name: string, description = "OK") => ({ description, content: { "application/json": { schema: ref(name) } } });
const body = (name: string) => ({ required: true, content: { "application/json": { schema: ref(name) } } });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const pageParams = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
  { name: "cursor", in: "query", description: "The nextCursor of the previous page", schema: { type: "string" } },
];

function operation(scope: TokenScope, summary: string, responses: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    summary,
    security: [{ bearer: [] }],
    "x-required-scope": scope,
    description: `Needs a console API token with the \`${scope}\` scope.`,
    ...extra,
    responses: {
      ...responses,
      "401": problemResponse("No token, or an unknown, revoked or expired one"),
      "403": problemResponse(`The token lacks the ${scope} scope`),
      "429": problemResponse("Rate limit of this token reached; see Retry-After"),
    },
  };
}

function crud(noun: string, out: string, input: string, removal: string) {
  return {
    [`/${noun}`]: {
      get: operation("catalog:read", `List ${noun}`, { "200": ok(`${out}List`) }, { parameters: pageParams }),
      post: operation(
        "catalog:write",
        `Create one of the ${noun}`,
        { "201": ok(out, "Created"), "409": problemResponse("Conflicts with existing data"), "422": problemResponse("Invalid fields") },
        { requestBody: body(input) },
      ),
    },
    [`/${noun}/{id}`]: {
      parameters: [idParam],
      get: operation("catalog:read", `Read one of the ${noun}`, { "200": ok(out), "404": problemResponse("Not found") }),
      patch: operation(
        "catalog:write",
        `Change one of the ${noun} (fields not sent keep their value)`,
        { "200": ok(out), "404": problemResponse("Not found"), "422": problemResponse("Invalid fields") },
        { requestBody: body(input) },
      ),
      delete: operation("catalog:write", removal, {
        "200": ok(out),
        "204": { description: "Deleted" },
        "404": problemResponse("Not found"),
        "409": problemResponse("Cannot be removed now"),
      }),
    },
  };
}

export function openApiDocument() {
  const schemas: Record<string, unknown> = {
    Problem: problem,
    Api: schema(apiOut, "output"),
    ApiList: schema(listOf(apiOut), "output"),
    ApiInput: schema(apiInput, "input"),
    Consumer: schema(consumerOut, "output"),
    ConsumerList: schema(listOf(consumerOut), "output"),
    ConsumerInput: schema(consumerInput, "input"),
    Credential: schema(credentialOut, "output"),
    CredentialList: schema(listOf(credentialOut), "output"),
    CredentialInput: schema(credentialInput, "input"),
    Grant: schema(grantOut, "output"),
    GrantList: schema(listOf(grantOut), "output"),
    GrantInput: schema(grantInput, "input"),
    Reason: schema(reasonInput.omit({ id: true }), "input"),
    ApiImportInput: schema(importInput, "input"),
    ApiImportJob: schema(importJobOut, "output"),
    FindingList: schema(listOf(findingOut), "output"),
    CampaignList: schema(listOf(campaignOut), "output"),
    EventBatch: schema(eventBatch, "input"),
    IngestResult: schema(ingestResult, "output"),
    DecisionRequest: schema(decisionRequest, "input"),
    Decision: schema(decisionResponse, "output"),
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Scopeward automation API",
      version: "1.0.0",
      description:
        "The API-access catalogue for gateways, token services and pipelines: read and change the catalogue, send usage telemetry, and ask for runtime decisions from live grants. Authenticate with a console API token (Authorization: Bearer …); each token carries its own scopes.",
    },
    servers: [{ url: "/api/v1" }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Console API token" } }, schemas },
    paths: {
      ...crud("apis", "Api", "ApiInput", "Delete an API (refused while it has live grants)"),
      ...crud("consumers", "Consumer", "ConsumerInput", "Decommission a consumer: its grants and sole credentials are revoked; optional body {reason}"),
      ...crud("credentials", "Credential", "CredentialInput", "Revoke a credential"),
      ...crud("grants", "Grant", "GrantInput", "Revoke a grant; optional body {reason}"),
      "/apis/import": {
        post: operation(
          "catalog:write",
          "Create or update an API from its OpenAPI 3.x or Swagger 2.0 document (JSON or YAML, up to 20 MB)",
          {
            "201": { description: "Imported: what changed", content: { "application/json": { schema: { type: "object" } } } },
            "202": {
              ...ok(
                "ApiImportJob",
                "A large document (over 1,000 operations or 10,000 operation–scope pairs) is being written in the background; follow the Location header",
              ),
              headers: { Location: { schema: { type: "string" }, description: "The job: GET it until its status is SUCCEEDED, FAILED or INTERRUPTED" } },
            },
            "413": problemResponse("The body is over 21 MB"),
            "422": problemResponse(
              "Invalid fields, or a document that is invalid, too large to import, or refers outside itself (each problem by JSON Pointer)",
            ),
          },
          { requestBody: body("ApiImportInput") },
        ),
      },
      "/apis/imports/{id}": {
        parameters: [idParam],
        get: operation("catalog:read", "Follow a background import: its progress, then the API it wrote or why it wrote nothing", {
          "200": ok("ApiImportJob"),
          "404": problemResponse("No such import of yours"),
        }),
      },
      "/findings": {
        get: operation(
          "catalog:read",
          "List findings (status=OPEN by default, or CLOSED)",
          { "200": ok("FindingList") },
          { parameters: [...pageParams, { name: "status", in: "query", schema: { type: "string", enum: ["OPEN", "CLOSED"] } }] },
        ),
      },
      "/campaigns": { get: operation("reviews:read", "List access-review campaigns with progress", { "200": ok("CampaignList") }, { parameters: pageParams }) },
      "/events": {
        post: operation(
          "telemetry:write",
          "Send a batch of up to 5,000 usage events (idempotent by event id)",
          { "202": ok("IngestResult", "Accepted: counts, and the unknown consumers and APIs"), "422": problemResponse("Invalid events") },
          { requestBody: body("EventBatch") },
        ),
      },
      "/decisions": {
        post: operation(
          "decisions:read",
          "May this consumer call this API with these scopes, or this operation, now?",
          { "200": ok("Decision"), "422": problemResponse("Invalid request") },
          {
            requestBody: body("DecisionRequest"),
            description:
              "Needs a console API token with the `decisions:read` scope. The same decisions answer OpenID AuthZEN 1.0 requests at POST /access/v1/evaluation and /access/v1/evaluations (metadata at /.well-known/authzen-configuration).",
          },
        ),
      },
      "/otlp/v1/traces": {
        post: operation(
          "telemetry:write",
          "Send an OTLP/HTTP trace export in JSON: each server span of an HTTP call becomes a usage event (idempotent by trace and span id)",
          {
            "200": {
              description: "OTLP ExportTraceServiceResponse: spans naming an unknown consumer or host are counted in partialSuccess and named in its message",
              content: { "application/json": { schema: { type: "object", properties: { partialSuccess: { type: "object" } } } } },
            },
            "413": problemResponse("Over 8 MB, or 64 MB uncompressed"),
            "415": problemResponse("Not JSON: set the exporter's encoding to json"),
            "422": problemResponse("Not an OTLP trace export"),
          },
          {
            requestBody: {
              required: true,
              content: { "application/json": { schema: { type: "object", description: "OTLP ExportTraceServiceRequest (JSON)" } } },
            },
          },
        ),
      },
    },
  };
}
