import { getEnv } from "@/server/env";
import { endpoints } from "@/server/http/endpoints";
import { buildOpenApiDocument } from "@/server/http/openapi";

// Built per request: the server URL is the running instance's APP_URL.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildOpenApiDocument(endpoints, getEnv().appUrl), {
    headers: { "cache-control": "public, max-age=300" },
  });
}
