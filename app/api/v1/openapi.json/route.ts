import { openApiDocument } from "@/lib/api/openapi";

// Public: a gateway team reads the contract before it has a token.
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
