import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { clientIp } from "@/server/http/client-ip";
import { verifyCertificateEndpoint } from "@/server/learning/api";
import { verifyCertificate } from "@/server/learning/certificates";
import { consumeRateLimit } from "@/server/platform/rate-limit";

export const GET = apiRoute(verifyCertificateEndpoint, async ({ params, request }) => {
  const db = await getDb();
  await consumeRateLimit(
    db,
    { name: "certificate-lookup", limit: 60, windowSeconds: 60 },
    clientIp(request.headers) ?? "unknown",
  );
  const { courseSlug: _s, ...cert } = await verifyCertificate(db, params.number);
  void _s;
  return { body: cert };
});
