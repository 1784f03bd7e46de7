// Closed sets the catalogue's rules share, named once. Client-safe (no server imports).
import { ConsumerKind } from "@/lib/generated/prisma/enums";

/** A grant in one of these states still stands: it can be used again without a new approval. */
export const LIVE_GRANT_STATUSES = ["ACTIVE", "PENDING", "SUSPENDED"] as const;

/** Every consumer kind, in the schema's order. */
export const CONSUMER_KINDS = Object.values(ConsumerKind);
