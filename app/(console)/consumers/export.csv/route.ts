import { CONSUMER_COLUMNS } from "@/lib/catalogue/csv-columns";
import { exportConsumers } from "@/lib/catalogue/queries";
import { consumerListParams } from "@/lib/catalogue/schemas";
import { csvRoute } from "@/lib/lists/csv";

export const GET = csvRoute(
  "consumers",
  (p) => consumerListParams.parse(p),
  exportConsumers,
  CONSUMER_COLUMNS,
  // An owner exports their own records only.
  (ctx, p) => ({ ...p, ownerId: ctx.userId }),
);
