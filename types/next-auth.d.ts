import "next-auth";

declare module "next-auth" {
  interface Account {
    /** The console's user id for an SSO sign-in, set in the signIn callback. */
    scopewardUserId?: string;
    /** The server-side session the SSO sign-in opened, set in the signIn callback. */
    scopewardSessionId?: string;
  }
  interface Session {
    /** The server-side session (UserSession) this browser session stands for. */
    sid?: string;
  }
}
