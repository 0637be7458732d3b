import { exportMeEndpoint } from "@/server/accounts/api";
import { exportMyData } from "@/server/accounts/export";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { clientIp } from "@/server/http/client-ip";

export const GET = apiRoute(exportMeEndpoint, async ({ request, requestId }) => {
  const data = await exportMyData(await getDb(), await getActor(), {
    requestId,
    ip: clientIp(request.headers),
  });
  return {
    body: data,
    headers: {
      "content-disposition": `attachment; filename="ai-whisperers-export-${data.exportedAt.slice(0, 10)}.json"`,
    },
  };
});
