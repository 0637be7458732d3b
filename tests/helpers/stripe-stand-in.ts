import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  form: URLSearchParams;
}

/**
 * A local HTTP server standing in for Stripe's API (the SDK is pointed at it with host/port/protocol): it
 * records what the platform sends and answers like Stripe for the calls the platform makes.
 */
export async function startStripeStandIn() {
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      const path = (req.url ?? "").split("?")[0]!;
      requests.push({ method: req.method ?? "", path, headers: req.headers, form });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": `req_${++n}` });
        res.end(JSON.stringify(json));
      };
      if (req.method === "POST" && path === "/v1/checkout/sessions") {
        const id = `cs_test_${++n}`;
        const session = {
          id,
          object: "checkout.session",
          url: `https://checkout.stripe.test/pay/${id}`,
          expires_at: Number(form.get("expires_at")),
          status: "open",
          payment_status: "unpaid",
          amount_total: Number(form.get("line_items[0][price_data][unit_amount]")),
          currency: form.get("line_items[0][price_data][currency]"),
          client_reference_id: form.get("client_reference_id"),
          metadata: { paymentId: form.get("metadata[paymentId]") },
          payment_intent: null,
        };
        sessions.set(id, session);
        return send(200, session);
      }
      const m = /^\/v1\/checkout\/sessions\/([\w-]+)$/.exec(path);
      if (req.method === "GET" && m) {
        const s = sessions.get(m[1]!);
        return s
          ? send(200, s)
          : send(404, { error: { type: "invalid_request_error", message: "No such session" } });
      }
      const expire = /^\/v1\/checkout\/sessions\/([\w-]+)\/expire$/.exec(path);
      if (req.method === "POST" && expire) {
        const s = sessions.get(expire[1]!);
        if (!s) return send(404, { error: { type: "invalid_request_error", message: "No such session" } });
        if (s.status !== "open") {
          return send(400, {
            error: {
              type: "invalid_request_error",
              message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(s.status)}".`,
            },
          });
        }
        s.status = "expired";
        return send(200, s);
      }
      if (req.method === "POST" && path === "/v1/refunds") {
        return send(200, {
          id: `re_${++n}`,
          object: "refund",
          amount: Number(form.get("amount")),
          status: "succeeded",
        });
      }
      send(404, { error: { type: "invalid_request_error", message: `Unhandled ${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Marks a session paid, as if the buyer completed Stripe's checkout. */
    pay(id: string, paymentIntent = `pi_${++n}`) {
      Object.assign(sessions.get(id)!, {
        status: "complete",
        payment_status: "paid",
        payment_intent: paymentIntent,
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
