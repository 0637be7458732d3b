import { listMySessionsEndpoint } from "@/server/accounts/api";
import { findMySessions } from "@/server/accounts/sessions";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";

export const GET = apiRoute(listMySessionsEndpoint, async () => ({
  body: { items: await findMySessions(await getDb(), await getActor()) },
}));
