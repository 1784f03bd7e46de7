// POST /apis/import/document?teamId=…&environment=…[&apply=1] with the OpenAPI or Swagger
// document as the body and the API's fields in the query: the preview of what the import would
// change, or the import (at once, or as a background job for a large document).
import { revalidatePath } from "next/cache";
import { routeMethods } from "@/lib/api/methods";
import { startImport } from "@/lib/catalogue/import-jobs";
import { previewImport } from "@/lib/catalogue/openapi-import";
import { MAX_DOCUMENT_BYTES } from "@/lib/catalogue/upload-limits";
import { requirePermission } from "@/lib/server/authz";
import { uploadRoute } from "@/lib/server/upload-route";

export const { POST, GET, PUT, PATCH, DELETE } = routeMethods({
  POST: uploadRoute({
    maxBytes: MAX_DOCUMENT_BYTES,
    allow: (ctx) => requirePermission(ctx, "api.create"),
    run: async (ctx, document, query) => {
      // Every other query parameter is a field of the import: one it does not take is named as unknown.
      const fields = Object.fromEntries([...query].filter(([key]) => key !== "apply"));
      // The body is the document, whatever the query says.
      const input = { ...fields, document };
      if (query.get("apply") !== "1") return previewImport(ctx, input);
      const started = await startImport(ctx, input);
      revalidatePath("/apis");
      return started;
    },
  }),
});
