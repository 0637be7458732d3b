import { exportUserDataForAdmin } from "@/server/accounts/export";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { errorResponse, json } from "@/server/http/api";
import { clientIp } from "@/server/http/client-ip";
import { requestIdFrom } from "@/server/http/request-id";

/** An admin downloads a user's data export (a data-access request handled on their behalf). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const requestId = requestIdFrom(request.headers);
  const { id } = await params;
  try {
    const data = await exportUserDataForAdmin(await getDb(), await getActor(), id.slice(0, 64), {
      requestId,
      ip: clientIp(request.headers),
    });
    return json(data, 200, requestId, {
      "content-disposition": `attachment; filename="ai-whisperers-export-${id.slice(0, 8)}-${data.exportedAt.slice(0, 10)}.json"`,
    });
  } catch (e) {
    if (isAppError(e)) return errorResponse(e, requestId);
    throw e;
  }
}
