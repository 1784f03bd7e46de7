// Remediates a closed item left unremediated (a crash between close and remediation).
// Background work only; a second runner finds it claimed and does nothing.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";
import { remediateItem } from "../remediation";

export const remediateClosedItem = defineCommand({
  name: "review.remediate",
  input: z.strictObject({ itemId: z.string().min(1), now: z.coerce.date() }),
  permission: "review.decide",
  callers: { SYSTEM: true },
  async execute(tx, { itemId, now }) {
    const audit = await remediateItem(tx, itemId, now);
    return { result: { remediated: audit.length > 0 }, audit };
  },
});
