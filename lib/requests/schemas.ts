// Access requests: the shapes the form, the server actions and the list pages validate with.
import { z } from "zod";
import { ConsumerKind, RequestStatus } from "@/lib/generated/prisma/enums";
import { optionalEnum, pageParams } from "@/lib/lists/params";
import { GUARDRAIL_CODES } from "@/lib/policy/policy";

const id = z.string().trim().min(1, "Choose one").max(64);
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The lengths a request may ask for; "permanent" only where policy allows it for the consumer's kind. */
export const DURATIONS = ["7", "30", "90", "180", "365", "permanent"] as const;
export type Duration = (typeof DURATIONS)[number];

export const requestInput = z.strictObject({
  consumerId: id,
  apiId: id,
  scopeIds: z.preprocess(list, z.array(id).min(1, "Pick at least one scope").max(500)),
  duration: z.enum(DURATIONS, { error: "Choose how long the access is needed" }),
  justification: z.string().trim().min(10, "Say why this access is needed (at least 10 characters)").max(2000, "At most 2000 characters"),
  exceptionJustification: z.preprocess(blank, z.string().trim().max(2000, "At most 2000 characters").optional()),
});
export type RequestInput = z.infer<typeof requestInput>;

/** Guardrail preview while the requester fills the form: everything but the words is optional. */
export const requestPreviewInput = requestInput.pick({ consumerId: true, apiId: true }).extend({
  scopeIds: z.preprocess(list, z.array(id).max(500)),
});

export const stepDecisionInput = z
  .strictObject({
    requestId: id,
    decision: z.enum(["APPROVE", "DENY"], { error: "Approve or deny" }),
    comment: z.string().trim().max(2000, "At most 2000 characters").default(""),
    // Approving a request that trips guardrails: the approver confirms having read them.
    acknowledged: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
  })
  .superRefine((input, ctx) => {
    if (input.decision === "DENY" && input.comment.length < 5) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "Tell the requester why (at least 5 characters)" });
    }
  });

export const cancelRequestInput = z.strictObject({ requestId: id });

export const storedGuardrails = z.array(z.object({ code: z.enum(GUARDRAIL_CODES), message: z.string(), needsAdmin: z.boolean(), needsException: z.boolean() }));

export const REQUEST_VIEWS = ["approve", "mine", "all"] as const;
export const requestListParams = pageParams.extend({
  view: z.enum(REQUEST_VIEWS).catch("approve").default("approve"),
  sort: z.enum(["createdAt", "status", "consumer", "api"]).catch("createdAt").default("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  status: optionalEnum(RequestStatus),
  kind: optionalEnum(ConsumerKind),
});
export type RequestListParams = z.infer<typeof requestListParams>;
