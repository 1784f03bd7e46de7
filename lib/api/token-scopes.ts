// The scopes a console API token may carry (shared by the server and the token form).
export const TOKEN_SCOPES = ["catalog:read", "catalog:write", "telemetry:write", "decisions:read", "reviews:read"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
