// Notices to people: always in the app; also by email when SMTP_URL is set. A dedupe key
// makes a notice idempotent: the same key twice — a retry, a second runner — is one notice.
import { db, type Tx } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { emailBody } from "./email-body";
import { logger } from "@/lib/server/logger";
import type { Ctx } from "@/lib/server/authz";

export type Notice = { userId: string; kind: string; title: string; body: string; link?: string; dedupeKey: string };

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** Creates the notice unless one with its key exists; true when this call created it. */
export async function notify(notice: Notice): Promise<boolean> {
  let id: string;
  try {
    id = (await db.notification.create({ data: { ...notice, link: notice.link ?? null }, select: { id: true } })).id;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  await emailNotices([{ id, ...notice }]);
  return true;
}

export type CreatedNotice = Notice & { id: string };

/**
 * Creates, inside the caller's transaction, the notices whose keys do not exist yet; returns
 * those. The caller holds the lock on the work they belong to (a campaign's reminders), so
 * no other runner writes the same keys meanwhile. Email them after the commit.
 */
export async function createNotices(tx: Tx, notices: Notice[]): Promise<CreatedNotice[]> {
  if (notices.length === 0) return [];
  const existing = await tx.notification.findMany({ where: { dedupeKey: { in: notices.map((n) => n.dedupeKey) } }, select: { dedupeKey: true } });
  const taken = new Set(existing.map((n) => n.dedupeKey));
  const fresh = notices.filter((n) => !taken.has(n.dedupeKey));
  if (fresh.length === 0) return [];
  const rows = await tx.notification.createManyAndReturn({ data: fresh.map((n) => ({ ...n, link: n.link ?? null })), select: { id: true, dedupeKey: true } });
  const ids = new Map(rows.map((r) => [r.dedupeKey, r.id]));
  return fresh.map((n) => ({ ...n, id: ids.get(n.dedupeKey)! }));
}

/**
 * Emails notices when SMTP_URL is set. Only the runner that created a notice emails it, once:
 * a crash in between loses the email, never doubles it; the in-app notice stands either way.
 */
export async function emailNotices(notices: CreatedNotice[]) {
  if (!env().SMTP_URL) return;
  for (const notice of notices) await emailNotice(notice);
}

async function emailNotice(notice: CreatedNotice) {
  const user = await db.user.findUnique({ where: { id: notice.userId }, select: { email: true, active: true } });
  if (!user?.active) return;
  try {
    const { sendEmail } = await import("./email");
    await sendEmail(user.email, notice.title, emailBody(notice, env().APP_URL));
    await db.notification.update({ where: { id: notice.id }, data: { emailedAt: new Date() } });
  } catch (error) {
    // The in-app notice stands; a mail server outage must not stop the job.
    logger.warn("email notice failed", { notificationId: notice.id, error: error instanceof Error ? error.message : String(error) });
  }
}

export async function listNotifications(ctx: Ctx, take = 50) {
  return db.notification.findMany({ where: { userId: ctx.userId }, orderBy: { createdAt: "desc" }, take });
}

export async function unreadCount(ctx: Ctx) {
  return db.notification.count({ where: { userId: ctx.userId, readAt: null } });
}
