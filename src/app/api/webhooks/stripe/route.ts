import { getDb } from "@/server/db";
import { errorResponse, json } from "@/server/http/api";
import { isAppError, notFound } from "@/server/errors";
import { requestIdFrom } from "@/server/http/request-id";
import { getPaymentProvider } from "@/server/payments/providers";
import { handleNotification } from "@/server/payments/webhook";

/** Stripe's webhook: the signature is verified on the raw body; events are applied idempotently. */
export async function POST(request: Request) {
  const requestId = requestIdFrom(request.headers);
  const provider = getPaymentProvider();
  try {
    if (!provider || provider.name !== "stripe") throw notFound("This endpoint");
    const raw = await request.text();
    if (raw.length > 1_000_000) throw notFound("This endpoint");
    const outcome = await handleNotification(
      await getDb(),
      provider,
      raw,
      request.headers.get("stripe-signature"),
    );
    return json({ received: true, applied: outcome.applied }, 200, requestId);
  } catch (e) {
    if (isAppError(e)) return errorResponse(e, requestId);
    throw e;
  }
}
