// POST /import/csv?kind=consumers|credentials|grants[&apply=1] with the file as the body: starts
// its check (every bad row by line), or its import, as a job (lib/catalogue/csv-jobs.ts). A small
// file's job is done before the answer goes; a large one's answer is the job under way, which the
// page follows. See lib/server/upload-route.ts.
import { revalidatePath } from "next/cache";
import { routeMethods } from "@/lib/api/methods";
import { beginCsvImport, csvImportJob } from "@/lib/catalogue/csv-jobs";
import { requireCsvImporter } from "@/lib/catalogue/csv-file";
import { MAX_CSV_BYTES } from "@/lib/catalogue/upload-limits";
import { uploadRoute } from "@/lib/server/upload-route";

// How long the answer waits for the job before it tells the page to follow it.
const WAIT_MS = 1_500;

export const { POST, GET, PUT, PATCH, DELETE } = routeMethods({
  POST: uploadRoute({
    maxBytes: MAX_CSV_BYTES,
    allow: requireCsvImporter,
    run: async (ctx, csv, query) => {
      const apply = query.get("apply") === "1";
      const { id, work } = await beginCsvImport(ctx, { kind: query.get("kind") ?? undefined, csv }, apply);
      await Promise.race([work, new Promise((resolve) => setTimeout(resolve, WAIT_MS))]);
      const job = await csvImportJob(ctx, id);
      // Any list may show what the file changed. (The pages render on demand: a file still being
      // written shows as it goes, with no cache to clear.)
      if (apply && job.finished) revalidatePath("/", "layout");
      return job;
    },
  }),
});
