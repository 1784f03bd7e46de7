// Throttles password guessing without handing attackers a way to lock people out. Three
// counters, each over WINDOW: an account tried from one client address (locked after
// PAIR_LIMIT failures: the owner, signing in from elsewhere, is not affected); one address
// trying any accounts (ADDRESS_LIMIT: one client sweeping many accounts); and an account from
// anywhere (ACCOUNT_LIMIT, far higher: a guessing campaign spread over many addresses). The
// caller shows one generic message either way, so a lock is indistinguishable from a wrong
// password. The client's address comes from the proxy in front (X-Forwarded-For): run the
// console behind one that sets it.
import { db } from "./db";

export const LIMITS = { PAIR: 5, ADDRESS: 20, ACCOUNT: 50 } as const;
/** Kept for the five-guesses rule people know: an account from one address. */
export const MAX_FAILURES = LIMITS.PAIR;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

export type Lock = "account from this address" | "address" | "account";
const UNKNOWN = "unknown";

const normal = (email: string) => email.trim().toLowerCase();
type Counter = { key: string; limit: number; lock: Lock };
// Without a known address (no proxy reporting one) every caller would share one address
// counter, and twenty mistakes by anyone would stop everyone: that counter is then left out.
const keysOf = (email: string, address: string): Counter[] => [
  { key: `pair:${normal(email)}|${address}`, limit: LIMITS.PAIR, lock: "account from this address" },
  ...(address === UNKNOWN ? [] : [{ key: `address:${address}`, limit: LIMITS.ADDRESS, lock: "address" as const }]),
  { key: `email:${normal(email)}`, limit: LIMITS.ACCOUNT, lock: "account" },
];

/** The client's address as the proxy in front reports it; without one, all callers share one. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim();
  return forwarded && forwarded.length <= 64 ? forwarded : UNKNOWN;
}

export async function isThrottled(email: string, address = UNKNOWN, now = new Date()): Promise<boolean> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keysOf(email, address).map((k) => k.key) } } });
  return rows.some((row) => row.lockedUntil && row.lockedUntil > now);
}

/** Counts a failure on every counter; returns the locks it starts, with when they end. */
export async function recordFailure(email: string, address = UNKNOWN, now = new Date()): Promise<{ lock: Lock; until: Date }[]> {
  const started: { lock: Lock; until: Date }[] = [];
  for (const { key, limit, lock } of keysOf(email, address)) {
    const row = await db.signInThrottle.findUnique({ where: { key } });
    const inWindow = row && now.getTime() - row.windowStart.getTime() < WINDOW_MS;
    const failures = inWindow ? row.failures + 1 : 1;
    const lockedUntil = failures >= limit ? (row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : new Date(now.getTime() + LOCK_MS)) : null;
    const data = { failures, windowStart: inWindow ? row.windowStart : now, lockedUntil };
    await db.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
    if (failures === limit && lockedUntil) started.push({ lock, until: lockedUntil });
  }
  return started;
}

/** A success from this address clears the account's counter there; the address's own counter stays. */
export async function clearFailures(email: string, address = UNKNOWN): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: `pair:${normal(email)}|${address}` } });
}
