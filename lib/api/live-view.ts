// The decision point's in-memory view of live state on PostgreSQL: what a decision read of one
// consumer on one API, and how names resolved, kept until the database says it changed. Every
// write to a grant, its scopes, a consumer, a credential, an API, its scopes, operations,
// identities, addresses or an API token sends a notification when its transaction commits (the triggers of
// migration 20261201060000_live_view_notifications); this process LISTENs and forgets what
// each names. So a decision costs no round trip, and a revocation committed anywhere — another
// console instance, a job runner, a hand-run UPDATE — is seen by the next decision here.
//
// Only processes that answer decisions keep one (startLiveView). It serves while it listens: before LISTEN succeeds, and from the moment its
// connection drops until it is back (when everything is forgotten again), every read goes to
// the database. SQLite has no notifications; there the file says whether it changed (file-view.ts).
import { randomUUID } from "node:crypto";
import { Socket } from "node:net";
import pg from "pg";
import { statementPool, provider } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { logger } from "@/lib/server/logger";
import { FileView } from "./file-view";
import { PromiseCache } from "./promise-cache";

export const LIVE_CHANNEL = "scopeward_live";
// Enough for every (consumer, API) pair a gateway fleet asks about in a large organisation.
const MAX_ENTRIES = 200_000;
const RECONNECT_MS = { first: 100, max: 5_000 };
// A connection can die without a word (a dropped network path): the listener proves it is
// alive this often, and one that does not answer in time counts as lost.
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 2_000;
// How long a writer waits for its own change to come back as a notification.
const CATCH_UP_TIMEOUT_MS = 2_000;
const MARKER = "m:";

/** Tags an entry by what a notification names: `c:<consumer id>`, `a:<api id>`, `n` for names, `t` for API tokens. */
export const consumerTag = (id: string) => `c:${id}`;
export const apiTag = (id: string) => `a:${id}`;
export const NAMES_TAG = "n";
export const TOKENS_TAG = "t";

export class LiveView {
  private cache = new PromiseCache(MAX_ENTRIES);
  private notifications = 0;
  private client: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private retryMs = RECONNECT_MS.first;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private started: Promise<void> | null = null;
  private markers = new Map<string, () => void>();

  /** `serve`: keep what reads read; without it the view only listens, for caughtUp(). */
  constructor(
    private readonly url: string,
    private readonly serve = true,
  ) {}

  /** True while notifications arrive and the view keeps reads: only then are they served from memory. */
  get serving() {
    return this.listening && this.serve;
  }

  get size() {
    return this.cache.size;
  }

  /** Notifications applied, reads served from memory and loaded, and times the view was emptied: for tests and the bench. */
  get counts() {
    return { notifications: this.notifications, ...this.cache.counts };
  }

  /** Starts listening (once); resolves when it listens or has failed to, never rejects. */
  start(): Promise<void> {
    return (this.started ??= this.connect());
  }

  /**
   * The value under `key`: from memory while the view serves, else `load()`. An entry is
   * forgotten as soon as a notification names one of its tags — also while its load is in
   * flight, so a value read before a change committed is never kept past that change.
   */
  read<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    return this.serving ? this.cache.read(key, tags, load) : load();
  }

  private fenceInFlight: Promise<void> | null = null;
  private fenceNext: Promise<void> | null = null;

  /**
   * Resolves once every notification committed before the call has been applied here. PostgreSQL
   * sends a listening connection the notifications committed before a statement ahead of that
   * statement's answer, so a round trip on the listening connection is a fence; a writer hearing
   * its own notification is not enough, as each listener's backend forwards notifications when it
   * is next scheduled. Calls share fences: one that arrives while a fence is in flight (which may
   * have started before the change it must see) waits for the next, started as that one ends.
   */
  fence(): Promise<void> {
    const client = this.client;
    if (!this.listening || !client) return Promise.resolve();
    if (this.fenceNext) return this.fenceNext;
    const start = (): Promise<void> => {
      const fence: Promise<void> = client
        .query("SELECT 1")
        .then(
          () => undefined,
          (error: unknown) => this.lost(client, error),
        )
        .finally(() => {
          if (this.fenceInFlight === fence) this.fenceInFlight = null;
        });
      this.fenceInFlight = fence;
      return fence;
    };
    if (!this.fenceInFlight) return start();
    const next = this.fenceInFlight.then(() => {
      this.fenceNext = null;
      return start();
    });
    this.fenceNext = next;
    return next;
  }

  /**
   * Resolves once this view has applied every change committed before the call, so that this
   * process's next decision answers from them: a marker notification, sent after they committed,
   * arrives after theirs. At once when the view does not serve; a marker that does not come back
   * in time means the connection is not to be trusted: the view starts over.
   */
  async caughtUp(): Promise<void> {
    const client = this.client;
    const pool = statementPool();
    if (!this.listening || !client || !pool) return;
    const marker = `${MARKER}${randomUUID()}`;
    const arrived = new Promise<boolean>((resolve) => this.markers.set(marker, () => resolve(true)));
    await pool.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, marker]);
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CATCH_UP_TIMEOUT_MS).unref());
    if (!(await Promise.race([arrived, timeout]))) this.lost(client, new Error("a change's notification did not arrive in time"));
    this.markers.delete(marker);
  }

  /** Applies one notification's payload. */
  apply(payload: string) {
    if (payload.startsWith(MARKER)) return this.markers.get(payload)?.();
    this.notifications++;
    if (payload === "*") return this.clear();
    this.cache.forgetTagged(payload);
  }

  clear() {
    this.cache.clear();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    // The listener must not keep a script or a test process alive on its own.
    const client = new pg.Client({
      connectionString: this.url,
      application_name: "scopeward-live-view",
      stream: () => new Socket().unref(),
    });
    this.client = client;
    client.on("notification", (message) => {
      if (message.channel === LIVE_CHANNEL) this.apply(message.payload ?? "*");
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, null));
    // While connecting, nothing else may hold the process (the decision point awaits this
    // before it listens): the attempt itself does, until it succeeds or fails.
    const attempt = setInterval(() => undefined, 60_000);
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      if (this.client !== client) return;
      // Whatever was read before now may predate a change whose notification nobody heard.
      this.clear();
      this.listening = true;
      this.retryMs = RECONNECT_MS.first;
      this.beat(client);
      logger.info("decision view listening", { channel: LIVE_CHANNEL });
    } catch (error) {
      this.lost(client, error);
    } finally {
      clearInterval(attempt);
    }
  }

  private beat(client: pg.Client) {
    this.heartbeat = setInterval(() => {
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer to the heartbeat")), HEARTBEAT_TIMEOUT_MS).unref());
      Promise.race([client.query("SELECT 1"), timeout]).catch((error: unknown) => this.lost(client, error));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private lost(client: pg.Client, error: unknown) {
    if (this.client !== client) return;
    this.client = null;
    // Whoever waits for a marker waits no longer: everything is forgotten below.
    for (const arrived of this.markers.values()) arrived();
    this.markers.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.listening = false;
    this.clear();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    logger.warn("decision view stopped listening; reading the database until it is back", {
      error: error instanceof Error ? error.message : String(error ?? "connection ended"),
      retryInMs: this.retryMs,
    });
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MS.max);
  }

  /** Stops listening and forgets everything; reads go to the database from now on. */
  async stop() {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const client = this.client;
    this.client = null;
    this.listening = false;
    this.clear();
    await client?.end().catch(() => undefined);
  }
}

// One view per process and database, kept on globalThis like the database client (db.ts).
const processWide = globalThis as unknown as { scopewardLiveView?: { url: string; view: LiveView }; scopewardFileView?: { url: string; view: FileView } };

/**
 * This process's view, started: on PostgreSQL; null on SQLite, where a process that answers
 * decisions keeps a FileView instead. The processes that answer decisions keep what they read
 * (the decision point starts it so); the console's web server only listens (`serve: false`): its
 * decisions read the database, as its pages do, and its changes wait to be told back (changesSeen).
 */
export function startLiveView({ serve = true } = {}): LiveView | null {
  const url = env().DATABASE_URL;
  if (provider() !== "postgresql") {
    if (serve && processWide.scopewardFileView?.url !== url) processWide.scopewardFileView = { url, view: new FileView() };
    return null;
  }
  const known = processWide.scopewardLiveView;
  if (known?.url === url) return known.view;
  void known?.view.stop();
  const view = new LiveView(url, serve);
  processWide.scopewardLiveView = { url, view };
  void view.start();
  return view;
}

/** This process's view on SQLite, when it answers decisions. */
export function fileView(): FileView | undefined {
  return processWide.scopewardFileView?.view;
}

/** `load()` through this process's view where it keeps one: the hot reads of decisions and names. */
export function remembered<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
  const file = processWide.scopewardFileView;
  return processWide.scopewardLiveView?.view.read(key, tags, load) ?? (file?.url === env().DATABASE_URL ? file.view.read(key, load) : load());
}

/**
 * After a commit: resolves once this process's view (if it serves) has applied the change, so
 * the writer's next decision — and, as PostgreSQL tells every listener at once, any other
 * process's — sees it.
 */
export async function changesSeen(): Promise<void> {
  await processWide.scopewardLiveView?.view.caughtUp();
}

/**
 * Before a decision: every change committed before the call is applied before the call is
 * answered from memory (a fence on the listening connection, shared by the calls of a moment).
 */
export async function notificationsApplied(): Promise<void> {
  const view = processWide.scopewardLiveView?.view;
  if (view?.serving) await view.fence();
}
