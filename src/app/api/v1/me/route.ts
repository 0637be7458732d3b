import { deleteMeEndpoint } from "@/server/accounts/api";
import { eraseMyAccount } from "@/server/accounts/erase";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { clientIp } from "@/server/http/client-ip";

export const DELETE = apiRoute(deleteMeEndpoint, async ({ body, request, requestId }) => {
  await eraseMyAccount(await getDb(), await getActor(), body, { requestId, ip: clientIp(request.headers) });
  return { status: 204 };
});
