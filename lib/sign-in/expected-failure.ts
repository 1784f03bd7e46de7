// A wrong password is an expected outcome of signing in, not a fault with a stack trace.
import { CredentialsSignin } from "@auth/core/errors";

/**
 * Whether Auth.js reported a refused password (throttled and answered with one generic message
 * elsewhere). By class and by Auth.js's own `type`, never by `error.name`: the production build
 * renames classes, so a name check let every wrong password through as an error.
 */
export function isExpectedSignInFailure(error: Error): boolean {
  return error instanceof CredentialsSignin || ("type" in error && error.type === CredentialsSignin.type);
}
