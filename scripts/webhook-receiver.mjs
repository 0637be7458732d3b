#!/usr/bin/env node
// A webhook receiver for trying the platform's outbound webhooks on one machine (docs/api.md, "Webhooks"):
// it listens on 127.0.0.1, checks each request's signature with the endpoint's secret, and prints the event.
//
//   WEBHOOK_SECRET=whsec_… node scripts/webhook-receiver.mjs [port]     (default port 4000)
//
// The check is the one any receiver should make: HMAC-SHA256 with the secret over "<timestamp>.<raw body>",
// compared in constant time with each "v1=" value of Webhook-Signature, and a timestamp within 5 minutes.
import crypto from "node:crypto";
import http from "node:http";

const secret = process.env.WEBHOOK_SECRET;
const port = Number(process.argv[2] ?? 4000);
if (!secret) {
  console.error("Set WEBHOOK_SECRET to the endpoint's signing secret (whsec_…), shown when you added it.");
  process.exit(1);
}

/** True when one of the signatures is ours and the timestamp is fresh. */
export function verifyWebhook(secret, headers, rawBody, now = Date.now()) {
  const timestamp = headers["webhook-timestamp"];
  const signatures = String(headers["webhook-signature"] ?? "").split(" ");
  if (!/^\d+$/.test(timestamp ?? "") || Math.abs(now / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(
    crypto.createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex"),
  );
  return signatures.some((s) => {
    const given = Buffer.from(s.startsWith("v1=") ? s.slice(3) : "");
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

const seen = new Set();
http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      if (!verifyWebhook(secret, req.headers, raw)) {
        console.log(
          `✗ refused a request whose signature does not verify (${req.headers["webhook-id"] ?? "no id"})`,
        );
        res.writeHead(401).end("bad signature");
        return;
      }
      const event = JSON.parse(raw);
      const repeat = seen.has(event.id) ? " (a repeat: already handled)" : "";
      seen.add(event.id);
      console.log(
        `✓ ${event.type} ${event.id}, signature verified${repeat}\n${JSON.stringify(event.data, null, 2)}`,
      );
      res.writeHead(204).end();
    });
  })
  .listen(port, "127.0.0.1", () =>
    console.log(`Listening on http://127.0.0.1:${port}/ — add it as an endpoint.`),
  );
