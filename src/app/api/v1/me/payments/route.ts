import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { myPaymentsEndpoint } from "@/server/payments/api";
import { findMyPayments } from "@/server/payments/queries";

export const GET = apiRoute(myPaymentsEndpoint, async () => {
  const items = await findMyPayments(await getDb(), await getActor());
  return { body: { items: items.map(({ refundedAmount: _r, ...p }) => (void _r, p)) } };
});
