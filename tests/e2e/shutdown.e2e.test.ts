import http from "node:http";
import { describe, expect, it } from "vitest";
import { startE2eServer } from "./helpers/setup";

describe("graceful shutdown", () => {
  it("finishes the requests in flight on SIGTERM, stops accepting new ones, and exits cleanly", async () => {
    const server = await startE2eServer({ LOG_LEVEL: "info" });
    try {
      const exited = new Promise<number | null>((resolve) =>
        server.process.once("exit", (code) => resolve(code)),
      );
      // A request the server has received but not finished: its body is still arriving when the signal comes
      // (a webhook reads its whole body before answering; without Stripe configured it answers 404).
      const body = JSON.stringify({ id: "evt_test", padding: "x".repeat(2000) });
      const request = http.request(`${server.url}/api/webhooks/stripe`, {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      });
      const answered = new Promise<number>((resolve, reject) => {
        request.on("response", (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        request.on("error", reject);
      });
      request.write(body.slice(0, 100));
      // The signal must come after the server has read this request's headers (before that, the request is not
      // in flight: nothing was received that could be answered). A health check on another connection, answered
      // after the headers arrived, shows the server has read them: it handles sockets' data in arrival order.
      // On a busy machine (CI runs two passes at once) a fixed wait was not always enough.
      await new Promise((r) => setTimeout(r, 300));
      const health = await new Promise<number>((resolve, reject) =>
        http
          .get(`${server.url}/api/health`, { agent: false }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          })
          .on("error", reject),
      );
      expect(health).toBe(200);
      server.process.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 2000));
      // Stopped accepting: a new connection is refused, while the one in flight is still served.
      const fresh = new Promise<number>((resolve, reject) =>
        http
          .get(`${server.url}/api/health`, { agent: false }, (res) => resolve(res.statusCode ?? 0))
          .on("error", reject),
      );
      await expect(fresh).rejects.toThrow(/ECONNREFUSED/);
      request.end(body.slice(100));
      expect(await answered).toBe(404);
      expect(await exited).toBe(0);
      const shuttingDown = /"msg":"shutting down","signal":"SIGTERM","inFlight":(\d+)/.exec(server.logs());
      expect(Number(shuttingDown?.[1])).toBe(1);
      expect(server.logs()).toMatch(/"msg":"stopped","unfinished":0/);
    } finally {
      await server.stop();
    }
  });
});
