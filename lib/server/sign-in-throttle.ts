// Throttles password guessing per account: after MAX_FAILURES failed sign-ins within
// WINDOW, the account refuses passwords for LOCK. The caller shows one generic message
// either way, so a locked account is indistinguishable from a wrong password.
import { db } from "./db";

export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

const keyOf = (email: string) => `email:${email.trim().toLowerCase()}`;

export async function isThrottled(email: string, now = new Date()): Promise<boolean> {
  const row = await db.signInThrottle.findUnique({ where: { key: keyOf(email) } });
  return Boolean(row?.lockedUntil && row.lockedUntil > now);
}

/** Counts a failure; returns the end of the lockout it starts, if it starts one. */
export async function recordFailure(email: string, now = new Date()): Promise<Date | null> {
  const key = keyOf(email);
  const row = await db.signInThrottle.findUnique({ where: { key } });
  const inWindow = row && now.getTime() - row.windowStart.getTime() < WINDOW_MS;
  const failures = inWindow ? row.failures + 1 : 1;
  const data = {
    failures,
    windowStart: inWindow ? row.windowStart : now,
    lockedUntil: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null,
  };
  await db.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
  return failures === MAX_FAILURES ? data.lockedUntil : null;
}

export async function clearFailures(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keyOf(email) } });
}
