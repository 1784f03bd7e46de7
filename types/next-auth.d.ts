import "next-auth";

declare module "next-auth" {
  interface Account {
    /** The console's user id for an SSO sign-in, set in the signIn callback. */
    scopewardUserId?: string;
  }
}
