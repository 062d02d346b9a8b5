import { openApiDocument } from "@/lib/partner-api/openapi";

// The partner API's OpenAPI 3.1 document, generated from its Zod schemas.
export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
