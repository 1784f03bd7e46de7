// POST /import/csv?kind=consumers|credentials|grants[&apply=1] with the file as the body: its
// preview (every bad row by line), or the import of the whole file. See lib/server/upload-route.ts.
import { revalidatePath } from "next/cache";
import { routeMethods } from "@/lib/api/methods";
import { MAX_CSV_BYTES, applyCsvImport, previewCsvImport, requireCsvImporter } from "@/lib/catalogue/csv-import";
import { uploadRoute } from "@/lib/server/upload-route";

export const { POST, GET, PUT, PATCH, DELETE } = routeMethods({
  POST: uploadRoute({
    maxBytes: MAX_CSV_BYTES,
    allow: requireCsvImporter,
    run: async (ctx, csv, query) => {
      const input = { kind: query.get("kind") ?? undefined, csv };
      if (query.get("apply") !== "1") return previewCsvImport(ctx, input);
      const imported = await applyCsvImport(ctx, input);
      // Any list may show what the file changed.
      revalidatePath("/", "layout");
      return imported;
    },
  }),
});
