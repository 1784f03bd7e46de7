// Known errors carry a code and a message fit for the user. Anything else is a
// bug: logged with a request id, and the user sees a generic message.

export type AppErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "VALIDATION" | "CONFLICT" | "RATE_LIMITED" | "TOO_LARGE";

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const forbidden = (message = "You are not allowed to do that.") => new AppError("FORBIDDEN", message);
// A resource the caller may not see is reported as missing, so its existence does not leak.
export const notFound = (what = "That item") => new AppError("NOT_FOUND", `${what} was not found.`);
export const conflict = (message: string, fieldErrors?: FieldErrors) => new AppError("CONFLICT", message, fieldErrors);
export const invalid = (message: string, fieldErrors?: FieldErrors) => new AppError("VALIDATION", message, fieldErrors);

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  TOO_LARGE: 413,
};
