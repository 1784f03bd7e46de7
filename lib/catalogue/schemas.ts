// Input schemas of the catalogue's commands: forms, the automation API and the CSV importer
// all validate with these. They are strict: a field a schema does not know is refused by name,
// never silently dropped. Types are z.infer of them, never written twice.
import { z } from "zod";
import {
  AccessLevel,
  Autonomy,
  ConsumerKind,
  ConsumerStatus,
  CredentialType,
  DataClassification,
  Environment,
  Exposure,
  GrantOrigin,
  FindingRule,
  GrantStatus,
  Lifecycle,
  SenderConstraint,
  UserRole,
} from "@/lib/generated/prisma/enums";
import { cursorParam } from "@/lib/lists/keyset";
import { optionalEnum, optionalId, pageParams } from "@/lib/lists/params";
import { scopeName } from "./scope-name";
import { audiencesInput, baseUrlsInput, identitiesInput } from "./identities";

const id = z.string().trim().min(1, "Choose one").max(64);
const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters`).default("");
// Form fields arrive as "" when empty: that means "not set".
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const optionalDate = z.preprocess(blankToUndefined, z.coerce.date({ error: "Enter a valid date" }).optional());
const optionalPositiveInt = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${label} must be a number` })
      .int(`${label} must be a whole number`)
      .positive(`${label} must be positive`)
      .max(10 * 365 * 24 * 3600)
      .optional(),
  );
const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

export const apiInput = z.strictObject({
  name: z.string().trim().min(2, "Name must be at least 2 characters").max(120, "At most 120 characters"),
  description: optionalText(2000),
  teamId: id,
  ownerId: z.preprocess(blankToUndefined, id.optional()),
  environment: z.enum(Environment, { error: "Choose an environment" }),
  exposure: z.enum(Exposure, { error: "Choose an exposure" }),
  classification: z.enum(DataClassification, { error: "Choose a data classification" }),
  lifecycle: z.enum(Lifecycle).default("PRODUCTION"),
  baseUrl: z.union([z.literal(""), z.url("Enter a full URL, e.g. https://api.example.com")]).default(""),
  gateway: optionalText(120),
  // How gateways and tokens name the API; each list replaces the stored one when given.
  audiences: audiencesInput.optional().describe("Token audiences that name this API"),
  baseUrls: baseUrlsInput.optional().describe("Base URLs its calls go to; a gateway or span names the API by host and path"),
});
export type ApiInput = z.infer<typeof apiInput>;
export const apiUpdateInput = apiInput.extend({ id });

export const scopeInput = z.strictObject({
  apiId: id,
  name: scopeName,
  description: optionalText(500),
  level: z.enum(AccessLevel, { error: "Choose an access level" }),
});
export type ScopeInput = z.infer<typeof scopeInput>;

export const scopeUpdateInput = scopeInput.pick({ description: true, level: true }).extend({ id });

const consumerFields = z.strictObject({
  kind: z.enum(ConsumerKind, { error: "Choose a kind" }),
  name: z.string().trim().min(2, "Name must be at least 2 characters").max(120, "At most 120 characters"),
  description: optionalText(2000),
  teamId: id,
  ownerId: z.preprocess(blankToUndefined, id.optional()),
  environment: z.enum(Environment, { error: "Choose an environment" }),
  agentProvider: z.preprocess(blankToUndefined, z.string().trim().max(120).optional()),
  agentModel: z.preprocess(blankToUndefined, z.string().trim().max(120).optional()),
  autonomy: z.preprocess(blankToUndefined, z.enum(Autonomy).optional()),
  comparableRoleId: z.preprocess(blankToUndefined, id.optional()),
  partnerOrg: z.preprocess(blankToUndefined, z.string().trim().max(120).optional()),
  isCiPipeline: checkbox.default(false),
  // Replaces the stored identities when given.
  identities: identitiesInput.optional().describe("Its identities at identity providers and gateways"),
});

function checkConsumerKind(input: z.output<typeof consumerFields>, ctx: z.RefinementCtx) {
  if (input.kind === "AGENT") {
    if (!input.agentProvider) ctx.addIssue({ code: "custom", path: ["agentProvider"], message: "An agent needs its provider" });
    if (!input.autonomy) ctx.addIssue({ code: "custom", path: ["autonomy"], message: "An agent needs its autonomy level" });
    if (!input.comparableRoleId) {
      ctx.addIssue({ code: "custom", path: ["comparableRoleId"], message: "An agent needs the human role it acts for" });
    }
  }
  if (input.kind === "PARTNER" && !input.partnerOrg) {
    ctx.addIssue({ code: "custom", path: ["partnerOrg"], message: "A partner application needs its organisation" });
  }
  if (input.isCiPipeline && input.kind !== "SERVICE") {
    ctx.addIssue({ code: "custom", path: ["isCiPipeline"], message: "Only a service account can be a CI/CD pipeline" });
  }
}

// Run even when other fields failed, so the form shows every problem at once.
const kindIsKnown = (payload: { value: unknown }) => Object.values(ConsumerKind).some((kind) => kind === Reflect.get(Object(payload.value), "kind"));

export const consumerInput = consumerFields.superRefine(checkConsumerKind, { when: kindIsKnown });
export type ConsumerInput = z.infer<typeof consumerInput>;
export const consumerUpdateInput = consumerFields.extend({ id }).superRefine(checkConsumerKind, { when: kindIsKnown });

// What an import may also say of a consumer it creates: its state and history, as an export of
// another instance records them (creating one suspended or decommissioned activates nothing).
export const consumerImportInput = consumerFields
  .extend({
    status: z.enum(ConsumerStatus).default("ACTIVE"),
    createdAt: optionalDate,
    decommissionedAt: optionalDate,
  })
  .superRefine(checkConsumerKind, { when: kindIsKnown });

const credentialFields = z.strictObject({
  consumerId: id,
  label: z.string().trim().min(2, "Label must be at least 2 characters").max(120),
  type: z.enum(CredentialType, { error: "Choose a credential type" }),
  lastRotatedAt: optionalDate,
  expiresAt: optionalDate,
  accessTokenTtlSeconds: optionalPositiveInt("Access-token lifetime"),
  refreshTokenTtlSeconds: optionalPositiveInt("Refresh-token lifetime"),
  senderConstraint: z.enum(SenderConstraint).default("BEARER"),
  audience: optionalText(300),
});

function checkBinding(input: { senderConstraint: string; type: string }, ctx: z.RefinementCtx) {
  if (input.senderConstraint === "MTLS" && !["MTLS_CERT", "CLIENT_SECRET", "PRIVATE_KEY_JWT", "WORKLOAD_IDENTITY"].includes(input.type)) {
    ctx.addIssue({ code: "custom", path: ["senderConstraint"], message: "mTLS binding needs a client certificate or OAuth client" });
  }
}

export const credentialInput = credentialFields.superRefine(checkBinding);
export type CredentialInput = z.infer<typeof credentialInput>;

// The consumers a credential serves do not change by editing it; the rest does.
export const credentialUpdateInput = credentialFields.omit({ consumerId: true }).extend({ id }).superRefine(checkBinding);

const justification = z.string().trim().min(10, "Say why this access is needed (at least 10 characters)").max(2000);
const scopeIds = z.array(id).min(1, "Pick at least one scope").max(500);

export const grantInput = z.strictObject({
  consumerId: id,
  apiId: id,
  scopeIds,
  justification,
  expiresAt: optionalDate.refine((date) => !date || date > new Date(), "The expiry must be in the future"),
});
export type GrantInput = z.infer<typeof grantInput>;

// An unchanged end date may already have passed (the expiry job has not run yet); a changed one
// may not, which the command checks against the grant.
export const grantUpdateInput = z.strictObject({ id, scopeIds, justification, expiresAt: optionalDate });
export const idInput = z.strictObject({ id });

// What an import may also say of a grant it creates: its state, origin and history. A grant created
// revoked or expired is a record, not access; the end date of a record may lie in the past.
export const grantImportInput = z.strictObject({
  consumerId: id,
  apiId: id,
  scopeIds,
  justification,
  expiresAt: optionalDate,
  status: z.enum(GrantStatus).default("ACTIVE"),
  origin: z.enum(GrantOrigin).default("IMPORT"),
  createdAt: optionalDate,
  lastUsedAt: optionalDate,
  lastReviewedAt: optionalDate,
  revokedAt: optionalDate,
});
export const reasonInput = z.strictObject({ id, reason: z.string().trim().min(5, "Give a reason (at least 5 characters)").max(2000) });

export const userUpdateInput = z.strictObject({
  id,
  name: z.string().trim().min(2, "Name must be at least 2 characters").max(120),
  roles: z.array(z.enum(UserRole)).max(5),
  teamId: z.preprocess(blankToUndefined, id.optional()),
  managerId: z.preprocess(blankToUndefined, id.optional()),
  active: checkbox,
});

export const userCreateInput = userUpdateInput.omit({ id: true, active: true }).extend({
  email: z
    .email("Enter a valid email address")
    .max(320)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(12, "At least 12 characters").max(200),
});

// ───────── list filters (URL search params) ─────────

export const apiListParams = pageParams.extend({
  sort: z.enum(["name", "environment", "exposure", "classification", "lifecycle", "createdAt", "grants"]).catch("name").default("name"),
  environment: optionalEnum(Environment),
  exposure: optionalEnum(Exposure),
  classification: optionalEnum(DataClassification),
  lifecycle: optionalEnum(Lifecycle),
  teamId: optionalId,
  ownerId: optionalId,
});
export type ApiListParams = z.infer<typeof apiListParams>;

export const consumerListParams = pageParams.extend({
  sort: z.enum(["name", "kind", "status", "environment", "createdAt"]).catch("name").default("name"),
  kind: optionalEnum(ConsumerKind),
  status: optionalEnum(ConsumerStatus),
  environment: optionalEnum(Environment),
  teamId: optionalId,
  ownerId: optionalId,
  roleId: optionalId,
  ownerless: z.enum(["1"]).optional().catch(undefined),
  // Consumers with an open finding of this rule (e.g. agents above their human baseline).
  finding: optionalEnum(FindingRule),
});
export type ConsumerListParams = z.infer<typeof consumerListParams>;

export const grantListParams = pageParams.extend({
  sort: z.enum(["createdAt", "expiresAt", "lastUsedAt", "status", "consumer", "api"]).catch("createdAt").default("createdAt"),
  status: optionalEnum(GrantStatus),
  origin: optionalEnum(GrantOrigin),
  kind: optionalEnum(ConsumerKind),
  environment: optionalEnum(Environment),
  apiId: optionalId,
  consumerId: optionalId,
  // Grants of the consumers this person owns (the "your work" link).
  ownerId: optionalId,
  // Grants that end within this many days.
  ending: z.coerce.number().int().min(1).max(365).optional().catch(undefined),
  // Where a page sorted by a date starts: after the row a cursor names, or before it.
  after: cursorParam,
  before: cursorParam,
});
export type GrantListParams = z.infer<typeof grantListParams>;

export const roleListParams = pageParams.extend({
  sort: z.enum(["name", "createdAt"]).catch("name").default("name"),
});
export type RoleListParams = z.infer<typeof roleListParams>;
