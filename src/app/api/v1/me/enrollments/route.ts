import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { myEnrollmentsEndpoint } from "@/server/learning/api";
import { findMyEnrollments } from "@/server/learning/dashboard";

export const GET = apiRoute(myEnrollmentsEndpoint, async () => {
  const items = await findMyEnrollments(await getDb(), await getActor());
  return {
    body: {
      items: items.map(({ imageUrl: _i, certificateNumber: _c, ...rest }) => (void _i, void _c, rest)),
    },
  };
});
