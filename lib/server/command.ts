// The one write path. Every change to the domain tables is a command: it declares its input
// (a strict zod schema: an unknown field is refused by name), the permission it needs, which
// kinds of caller may use it, the ids it refers to, and the change itself, which returns the
// audit events it makes. runCommand() parses, authorizes, opens the transaction, checks the
// references, runs the change, writes its audit events in the same transaction and maps the
// database's refusals (a unique name taken by a concurrent request, a vanished reference) to
// a 409 or a 422 naming the field. Forms, /api/v1 routes, the CSV and OpenAPI importers,
// background jobs and scripts are thin adapters over runCommand().
import { z } from "zod";
import { recordAudit, type AuditEntry } from "@/lib/audit/service";
import { changesSeen } from "@/lib/api/live-view";
import type { TokenScope } from "@/lib/api/token-scopes";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Ctx } from "./authz";
import { db, type Tx } from "./db";
import { AppError, conflict, forbidden, invalid, notFound } from "./errors";
import { type Action, type Reach, reachOf } from "./permissions";
import { parseInput, WHOLE_INPUT } from "./validation";

/** Who may call a command: people, API tokens holding the named scope, background work. */
export type Callers = { USER?: true; API_TOKEN?: TokenScope; SYSTEM?: true };

/** What the change knows of its caller, with the reach the permission table gives them. */
export type Access = {
  ctx: Ctx;
  reach: Reach;
  /** The person accountable for the change: the user, the user a token acts for, or none (SYSTEM). */
  person: string | null;
  /** A Prisma `where` fragment: nothing for "all", the owner column for "own". */
  owned<K extends string>(ownerField: K): Partial<Record<K, string>>;
};

/** What a change made: its result, its audit events (none when nothing changed), and work for after the commit. */
export type Change<R> = { result: R; audit: AuditEntry[]; after?: () => Promise<void> };

/** Tables an input field may name by id; an unknown id is a 422 naming the field. */
const REFERENCES = {
  team: { label: "team", find: (tx: Tx, ids: string[]) => tx.team.findMany({ where: { id: { in: ids } }, select: { id: true } }) },
  user: { label: "user", find: (tx: Tx, ids: string[]) => tx.user.findMany({ where: { id: { in: ids } }, select: { id: true } }) },
  jobRole: { label: "human role", find: (tx: Tx, ids: string[]) => tx.jobRole.findMany({ where: { id: { in: ids } }, select: { id: true } }) },
  api: { label: "API", find: (tx: Tx, ids: string[]) => tx.api.findMany({ where: { id: { in: ids } }, select: { id: true } }) },
  consumer: { label: "consumer", find: (tx: Tx, ids: string[]) => tx.consumer.findMany({ where: { id: { in: ids } }, select: { id: true } }) },
} as const;
export type Reference = keyof typeof REFERENCES;

export type Command<S extends z.ZodType, R, P = undefined> = {
  /** Dotted name, e.g. "grant.update": the audit action of its main event, and how logs name it. */
  name: string;
  input: S;
  /** The permission table's action, or "self": a change a person makes to their own session (any signed-in person). */
  permission: Action | "self";
  callers: Callers;
  /** Top-level input fields that hold ids of other records. */
  references?: Partial<Record<keyof z.output<S> & string, Reference>>;
  /**
   * For a partial change (PATCH): the record's current state in the input's shape, read inside the
   * transaction with the caller's reach (throw notFound when out of reach). The body is merged over it.
   */
  current?: (tx: Tx, id: string, access: Access) => Promise<Record<string, unknown>>;
  /**
   * Work that needs no database (reading an uploaded document), done before the transaction opens:
   * a transaction holds the write lock, and nothing else should wait on a CPU-bound step.
   */
  prepare?: (input: z.output<S>) => Promise<P>;
  execute: (tx: Tx, input: z.output<S>, access: Access, prepared: P | undefined) => Promise<Change<R>>;
  /** Milliseconds the transaction may take (launches and imports are long). */
  timeout?: number;
};

export function defineCommand<S extends z.ZodType, R, P = undefined>(command: Command<S, R, P>): Command<S, R, P> {
  return command;
}

/** How a command runs inside a transaction someone else holds (the CSV importer, background jobs). */
export type Nested = { tx: Tx; after: (() => Promise<void>)[] };

/** Runs a command with the raw input of any adapter; throws AppError for the caller's mistakes. */
export async function runCommand<S extends z.ZodType, R, P>(command: Command<S, R, P>, ctx: Ctx, raw: unknown, nested?: Nested): Promise<R> {
  return runPrepared(await prepareCommand(command, ctx, raw), nested);
}

/** A command checked and prepared, not yet applied: what an adapter holds to decide how to run it. */
export type Prepared<S extends z.ZodType, R, P> = { command: Command<S, R, P>; access: Access; input: z.output<S>; prepared: P | undefined };

/**
 * The checks that need no transaction — the caller's right, the input, the command's own
 * preparation — so that an adapter can answer a refusal at once and run the change later
 * (a large import runs in the background: lib/catalogue/import-jobs.ts).
 */
export async function prepareCommand<S extends z.ZodType, R, P>(command: Command<S, R, P>, ctx: Ctx, raw: unknown): Promise<Prepared<S, R, P>> {
  const access = authorizeCommand(command, ctx);
  const input = parseInput(command.input, raw);
  const prepared = command.prepare ? await command.prepare(input) : undefined;
  return { command, access, input, prepared };
}

/** Applies a prepared command in its transaction (or the one it is nested in). */
export async function runPrepared<S extends z.ZodType, R, P>(ready: Prepared<S, R, P>, nested?: Nested): Promise<R> {
  const { command, access, input, prepared } = ready;
  return inTransaction(command, nested, (tx) => apply(command, tx, input, access, prepared));
}

/**
 * A partial change: the body's fields over the record's current state, merged inside the
 * transaction, so two partial changes never overwrite each other with stale reads.
 */
export async function patchCommand<S extends z.ZodType, R, P>(command: Command<S, R, P>, ctx: Ctx, id: string, body: unknown, nested?: Nested): Promise<R> {
  const access = authorizeCommand(command, ctx);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalid("Send a JSON object of the fields to change.", { [WHOLE_INPUT]: ["The body must be a JSON object"] });
  }
  if ("id" in body && body.id !== id) throw invalid("Some fields need attention.", { id: ["The id is the one in the path and cannot change"] });
  const current = command.current;
  if (!current) throw new Error(`${command.name} cannot be applied partially`);
  return inTransaction(command, nested, async (tx) => {
    const input = parseInput(command.input, { ...(await current(tx, id, access)), ...body, id });
    return apply(command, tx, input, access, undefined);
  });
}

/** The caller's kind, the token's scope and the permission table: the reach, or a 403. */
export function authorizeCommand(command: Pick<Command<z.ZodType, unknown>, "callers" | "permission">, ctx: Ctx): Access {
  const actor = ctx.actor;
  let reach: Reach | null;
  if (actor.kind === "SYSTEM") {
    if (!command.callers.SYSTEM) throw forbidden("Background work cannot do that.");
    reach = "all";
  } else {
    if (actor.kind === "USER" && !command.callers.USER) throw forbidden();
    if (actor.kind === "API_TOKEN") {
      const scope = command.callers.API_TOKEN;
      if (!scope) throw forbidden("API tokens cannot do that; sign in to the console.");
      if (!actor.scopes.includes(scope)) throw forbidden(`This token lacks the ${scope} scope.`);
    }
    reach = command.permission === "self" ? "own" : reachOf(ctx.roles, command.permission);
  }
  if (!reach) throw forbidden();
  const granted = reach;
  return {
    ctx,
    reach: granted,
    person: actor.kind === "SYSTEM" ? null : actor.userId,
    owned: <K extends string>(field: K) => {
      const where: Partial<Record<K, string>> = {};
      if (granted === "own") where[field] = ctx.userId;
      return where;
    },
  };
}

async function apply<S extends z.ZodType, R, P>(command: Command<S, R, P>, tx: Tx, input: z.output<S>, access: Access, prepared: P | undefined) {
  await checkReferences(tx, command.references ?? {}, input);
  const change = await command.execute(tx, input, access, prepared);
  for (const entry of change.audit) await recordAudit(tx, access.ctx.actor, entry);
  return change;
}

async function inTransaction<R>(command: Pick<Command<z.ZodType, R>, "timeout">, nested: Nested | undefined, work: (tx: Tx) => Promise<Change<R>>): Promise<R> {
  if (nested) {
    const change = await work(nested.tx);
    if (change.after) nested.after.push(change.after);
    return change.result;
  }
  let change: Change<R>;
  try {
    change = await db.$transaction(work, { timeout: command.timeout ?? 15_000, maxWait: 30_000 });
  } catch (error) {
    throw refusal(error) ?? error;
  }
  await changesSeen();
  await change.after?.();
  return change.result;
}

/**
 * Several commands in one transaction (a batch of background work, a CSV file), each run with
 * the Nested handle; their after-commit work runs once the whole transaction has committed.
 */
export async function inOneTransaction<T>(work: (nested: Nested) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  const after: Nested["after"] = [];
  let result: T;
  try {
    result = await db.$transaction((tx) => work({ tx, after }), { timeout: options.timeout ?? 60_000, maxWait: 30_000 });
  } catch (error) {
    throw refusal(error) ?? error;
  }
  await changesSeen();
  for (const effect of after) await effect();
  return result;
}

// Ids known to exist, per transaction: a file of many rows naming the same team checks it once.
const known = new WeakMap<Tx, Set<string>>();

async function checkReferences(tx: Tx, references: Partial<Record<string, Reference>>, input: unknown) {
  if (typeof input !== "object" || input === null) return;
  const seen = known.get(tx) ?? new Set<string>();
  known.set(tx, seen);
  const errors: Record<string, string[]> = {};
  for (const [field, table] of Object.entries(references)) {
    const value: unknown = Reflect.get(input, field);
    if (typeof value !== "string" || value === "" || !table || seen.has(`${table}:${value}`)) continue;
    const found = await REFERENCES[table].find(tx, [value]);
    if (found.length === 0) errors[field] = [`No ${REFERENCES[table].label} with id "${value}"`];
    else seen.add(`${table}:${value}`);
  }
  if (Object.keys(errors).length) throw invalid("Some fields refer to records that do not exist.", errors);
}

/** The database's refusal of a caller's change, as the error to answer with; null for anything else. */
export function refusal(error: unknown): AppError | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const cause = causeOf(error.meta);
  if (error.code === "P2002") {
    // PostgreSQL quotes the column names ("launchKey"); SQLite does not.
    const fields = (cause?.constraint?.fields ?? []).map((f) => f.replace(/^"(.*)"$/, "$1"));
    return conflict(
      `Another change took ${fields.length ? `that ${fields.join(" and ")}` : "that value"} a moment ago. Reload and choose another.`,
      Object.fromEntries(fields.map((f) => [f, ["Already taken"]])),
    );
  }
  if (error.code === "P2003") {
    // PostgreSQL names the constraint (Api_teamId_fkey); SQLite does not.
    const field = /_([A-Za-z]+)_fkey$/.exec(cause?.constraint?.index ?? "")?.[1] ?? WHOLE_INPUT;
    return invalid("Some fields refer to records that do not exist.", { [field]: ["Refers to a record that does not exist (it may have just been removed)"] });
  }
  if (error.code === "P2025") return notFound("The record you were changing");
  return null;
}

// What the driver adapters say about a refused statement (the constraint's fields on both
// databases, its name on PostgreSQL).
const adapterMeta = z.object({
  driverAdapterError: z.object({
    cause: z.object({ constraint: z.object({ fields: z.array(z.string()).optional(), index: z.string().optional() }).optional() }),
  }),
});
function causeOf(meta: unknown) {
  return adapterMeta.safeParse(meta).data?.driverAdapterError.cause;
}
