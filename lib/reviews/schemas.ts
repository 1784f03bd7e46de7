// Campaigns, review items and decisions: the shapes every boundary validates with.
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
  Recurrence,
  SenderConstraint,
  Stage2Mode,
  UndecidedOutcome,
} from "@/lib/generated/prisma/enums";

const id = z.string().trim().min(1).max(64);
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);
const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(id).max(1000));
const optionalDays = (label: string) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `${label} must be a number of days` })
      .int()
      .min(1, `${label}: at least 1 day`)
      .max(3650)
      .optional(),
  );
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** Which grants a campaign reviews. Empty lists mean "any". */
export const selectionSchema = z.strictObject({
  apiIds: ids,
  teamIds: ids,
  kinds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ConsumerKind))),
  hasFinding: checkbox.default(false),
  notReviewedDays: optionalDays("Not reviewed in"),
  olderThanDays: optionalDays("Created more than"),
});
export type Selection = z.infer<typeof selectionSchema>;

export const campaignInput = selectionSchema.extend({
  name: z.string().trim().min(3, "Name must be at least 3 characters").max(120),
  description: z.string().trim().max(2000).default(""),
  stage2Enabled: checkbox.default(false),
  stage2Mode: z.enum(Stage2Mode).default("APPROVALS_ONLY"),
  dueAt: z.coerce.date({ error: "Enter a due date" }).refine((d) => d.getTime() > Date.now(), "The due date must be in the future"),
  reminderCadenceDays: z.coerce
    .number({ error: "Reminder cadence must be a number of days" })
    .int()
    .min(1, "At least every day")
    .max(30, "At most every 30 days")
    .default(7),
  undecidedOutcome: z.enum(UndecidedOutcome, { error: "Choose what happens to undecided items" }),
  recurrence: z.enum(Recurrence).default("NONE"),
});
export type CampaignInput = z.infer<typeof campaignInput>;

/** What the launch form sends: the campaign, the submission's own key, and whether an overlap was confirmed. */
export const launchInput = campaignInput.extend({
  // Made once per form the browser shows: sending the same submission again launches nothing new.
  launchKey: z.preprocess(blank, z.uuid({ error: "The form's launch key is malformed: reload the page" }).optional()),
  overlapConfirmed: checkbox.default(false),
});

const decisionFields = z.strictObject({
  itemId: id,
  decision: z.enum(["APPROVE", "REVOKE", "REDUCE", "REASSIGN"]),
  comment: z.string().trim().max(2000).default(""),
  keptScopeIds: z.array(id).max(500).default([]),
  reassignTo: z.preprocess(blank, id.optional()),
  // The item's version the reviewer saw: a decision on a since-changed item is a conflict.
  version: z.coerce.number().int().min(0).optional(),
});

function checkDecision(input: z.output<typeof decisionFields>, ctx: z.RefinementCtx) {
  if (input.decision === "REDUCE" && input.keptScopeIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["keptScopeIds"], message: "Tick the scopes to keep (to keep none, revoke)" });
  }
  if (input.decision === "REASSIGN") {
    if (!input.reassignTo) ctx.addIssue({ code: "custom", path: ["reassignTo"], message: "Choose who should review this item" });
    if (input.comment.length < 5) ctx.addIssue({ code: "custom", path: ["comment"], message: "Say why you reassign it" });
  }
}

export const decisionInput = decisionFields.superRefine(checkDecision);
export type DecisionInput = z.infer<typeof decisionInput>;

/** The review queue's URL: which page, and optionally one campaign. */
export const inboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  campaignId: z.string().trim().min(1).max(64).optional().catch(undefined),
});

/** One decision for many items: approve, revoke, or each item's own recommendation. */
export const bulkDecisionInput = z.strictObject({
  itemIds: z.array(id).min(1, "Choose at least one item").max(1000, "Decide at most 1,000 items at once"),
  action: z.enum(["APPROVE", "REVOKE", "ACCEPT"], { error: "Choose approve, revoke or accept the recommendations" }),
  comment: z.string().trim().max(2000).default(""),
  // Approving items recommended for revocation needs this, on top of the reason.
  override: z.boolean().default(false),
});

export const itemIdsInput = z.strictObject({ itemIds: z.array(id).min(1, "Choose at least one item").max(1000) });
export const campaignIdInput = z.strictObject({ id });

// ───────── the frozen snapshot stored on every review item ─────────

const isoDate = z.string().nullable();

export const snapshotSchema = z.object({
  consumer: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ConsumerKind),
    status: z.enum(ConsumerStatus),
    environment: z.enum(Environment),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    ownerActive: z.boolean(),
    autonomy: z.enum(Autonomy).nullable(),
    comparableRole: z.string().nullable(),
  }),
  api: z.object({
    id: z.string(),
    name: z.string(),
    environment: z.enum(Environment),
    exposure: z.enum(Exposure),
    classification: z.enum(DataClassification),
    declaredScopes: z.number().int(),
  }),
  grant: z.object({
    createdAt: z.string(),
    expiresAt: isoDate,
    lastUsedAt: isoDate,
    lastReviewedAt: isoDate,
    origin: z.string(),
    justification: z.string(),
  }),
  scopes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      level: z.enum(AccessLevel),
      description: z.string(),
      lastUsedAt: isoDate,
      operations: z.array(z.string()),
      beyondBaseline: z.boolean(),
    }),
  ),
  credentials: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      type: z.enum(CredentialType),
      accessTokenTtlSeconds: z.number().nullable(),
      rotationAgeDays: z.number().nullable(),
      senderConstraint: z.enum(SenderConstraint),
      expiresAt: isoDate,
      leaked: z.boolean(),
    }),
  ),
  findings: z.array(z.object({ rule: z.string(), severity: z.string(), explanation: z.string() })),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

// ───────── how a snapshot is stored: shared facts once per campaign, the rest on the item ─────────

const scopeEntry = snapshotSchema.shape.scopes.element;

/** A consumer as frozen at launch, with the credentials it held. */
export const consumerFactSchema = snapshotSchema.shape.consumer.extend({ credentials: snapshotSchema.shape.credentials });
export const apiFactSchema = snapshotSchema.shape.api;
/** A scope as frozen at launch: what it is and which operations it permits. */
export const scopeFactSchema = scopeEntry.pick({ name: true, level: true, description: true, operations: true });

/**
 * What an item launched since facts are shared carries itself: the grant, its scopes' usage
 * and baseline, its open findings; the consumer, the API and each scope by id.
 */
export const itemSnapshotSchema = z.object({
  consumer: z.string(),
  api: z.string(),
  grant: snapshotSchema.shape.grant,
  scopes: z.array(scopeEntry.pick({ id: true, lastUsedAt: true, beyondBaseline: true })),
  findings: snapshotSchema.shape.findings,
});
export type ItemSnapshot = z.infer<typeof itemSnapshotSchema>;
export type ConsumerFact = z.infer<typeof consumerFactSchema>;
export type ApiFact = z.infer<typeof apiFactSchema>;
export type ScopeFact = z.infer<typeof scopeFactSchema>;
