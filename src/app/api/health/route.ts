import { checkHealth } from "@/server/admin/health";
import { getDb } from "@/server/db";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/server/http/request-id";

export async function GET(request: Request) {
  const report = await checkHealth(getDb);
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store", [REQUEST_ID_HEADER]: requestIdFrom(request.headers) },
  });
}
