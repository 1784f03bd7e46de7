import { GRANT_COLUMNS } from "@/lib/catalogue/csv-columns";
import { exportGrants } from "@/lib/catalogue/queries";
import { grantListParams } from "@/lib/catalogue/schemas";
import { csvRoute } from "@/lib/lists/csv";

export const GET = csvRoute(
  "grants",
  (p) => grantListParams.parse(p),
  exportGrants,
  GRANT_COLUMNS,
  // An owner exports their own records only.
  (ctx, p) => ({ ...p, ownerId: ctx.userId }),
);
