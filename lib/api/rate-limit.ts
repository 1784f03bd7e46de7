// Per-token rate limit: a token bucket per token in this process. Each instance keeps its
// own buckets, so N instances allow N times the rate; the limit guards the database from
// a runaway client rather than metering exactly.
import { env } from "@/lib/server/env";

const buckets = new Map<string, { tokens: number; at: number }>();

/** Takes one request from the token's bucket; 0 when allowed, else milliseconds to wait. */
export function takeToken(tokenId: string, now = Date.now()): number {
  const { API_RATE_BURST: CAPACITY, API_RATE_PER_SECOND: REFILL_PER_SECOND } = env();
  const bucket = buckets.get(tokenId) ?? { tokens: CAPACITY, at: now };
  bucket.tokens = Math.min(CAPACITY, bucket.tokens + ((now - bucket.at) / 1000) * REFILL_PER_SECOND);
  bucket.at = now;
  buckets.set(tokenId, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.ceil(((1 - bucket.tokens) / REFILL_PER_SECOND) * 1000);
}
