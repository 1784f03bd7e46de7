// Records a batch of usage events from a gateway or token service: idempotent by event id,
// unknown consumers and APIs reported back. Usage is an observation, not a change anyone
// decided, so it writes no audit event; but "last used" drives findings and reviews, so only
// an administrator's token (or the system) may feed it.
import { defineCommand } from "@/lib/server/command";
import { eventBatch, ingestInTransaction } from "../events";

export const recordUsage = defineCommand({
  name: "usage.record",
  input: eventBatch,
  permission: "usage.record",
  callers: { API_TOKEN: "telemetry:write", SYSTEM: true },
  timeout: 60_000,
  async execute(tx, { events }) {
    return { result: await ingestInTransaction(tx, events), audit: [] };
  },
});
