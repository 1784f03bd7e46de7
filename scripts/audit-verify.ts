// `npm run audit:verify`: walks the audit log's hash chain on the database DATABASE_URL names.
// Exits 0 when every event is present, in order and unaltered; otherwise exits 1 naming the
// first event that is altered, missing or out of order.
import { counted } from "@/lib/format";
import { verifyChain } from "../lib/audit/verify";
import { db } from "../lib/server/db";

try {
  const report = await verifyChain(db);
  if (report.ok && report.unsealed > 0) {
    console.log(`Audit chain not sealed yet: ${counted(report.unsealed, "event")} from before the chain existed are chained by the next change.`);
  } else if (report.ok) {
    console.log(
      report.verifiedSeq === 0
        ? "Audit chain verified: no events yet."
        : `Audit chain verified: events 1 to ${report.verifiedSeq}, the latest at ${report.verifiedAt?.toISOString()}.`,
    );
  } else {
    console.error(`Audit chain broken at event ${report.brokenSeq}: ${report.reason}. Events 1 to ${report.verifiedSeq} verify.`);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
