import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { myCertificatesEndpoint } from "@/server/learning/api";
import { findMyCertificates } from "@/server/learning/certificates";

export const GET = apiRoute(myCertificatesEndpoint, async () => ({
  body: { items: await findMyCertificates(await getDb(), await getActor()) },
}));
