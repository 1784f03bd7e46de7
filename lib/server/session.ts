// The signed-in person behind a page, server action or route handler, loaded fresh from the
// database at every request: a deactivated user is out at the next one.
import { redirect } from "next/navigation";
import { contextFor, type Ctx } from "./authz";
import { db } from "./db";
import { AppError } from "./errors";

/** Loads the caller fresh from the database: a deactivated user, or an ended session, is out at the next request. */
export async function currentUser(): Promise<Ctx | null> {
  // Imported on use so that modules which only pass a Ctx along, and their tests, never load Auth.js.
  const { auth } = await import("./auth");
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sid;
  if (!userId || !sessionId) return null;
  // The cookie alone is not enough: the session it names must still be open.
  const user = await db.user.findFirst({
    where: { id: userId, active: true, sessions: { some: { id: sessionId, endedAt: null } } },
    select: { id: true, name: true, email: true, roles: { select: { role: true } } },
  });
  if (!user) return null;
  return contextFor(user);
}

/** For pages: a visitor without a live session goes to the sign-in page. */
export async function requireUser(): Promise<Ctx> {
  const ctx = await currentUser();
  if (!ctx) redirect("/login");
  return ctx;
}

/** For server actions and route handlers: no live session is an error, not a redirect. */
export async function requireSession(): Promise<Ctx> {
  const ctx = await currentUser();
  if (!ctx) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return ctx;
}
