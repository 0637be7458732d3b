import { revokeMySessionEndpoint } from "@/server/accounts/api";
import { revokeSession } from "@/server/accounts/sessions";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { clientIp } from "@/server/http/client-ip";

export const DELETE = apiRoute(revokeMySessionEndpoint, async ({ params, request, requestId }) => {
  await revokeSession(await getDb(), await getActor(), params.id, {
    requestId,
    ip: clientIp(request.headers),
  });
  return { status: 204 };
});
