import http from "node:http";
import { describe, expect, it } from "vitest";
import { startE2eServer } from "./helpers/setup";

/**
 * One request on its own connection (no keep-alive: a client that reuses a connection the server is closing
 * must retry, which browsers do; this test is about requests the server has already received).
 */
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

describe("graceful shutdown", () => {
  it("finishes the requests in flight on SIGTERM, stops accepting new ones, and exits cleanly", async () => {
    const server = await startE2eServer({ LOG_LEVEL: "info" });
    try {
      expect(await get(`${server.url}/courses?q=warm`)).toBe(200); // the first render loads the page's code
      const exited = new Promise<number | null>((resolve) =>
        server.process.once("exit", (code) => resolve(code)),
      );
      // Ten catalog searches; the signal is sent once the server has started every one of them (each logs
      // "request" as it begins), so they are in flight, not waiting in the kernel's accept queue.
      const started = () => server.logs().split('"msg":"request"').length - 1;
      const before = started();
      const inFlight = Array.from({ length: 10 }, (_, i) =>
        get(`${server.url}/courses?q=${encodeURIComponent(`ai ${i}`)}`),
      );
      for (let i = 0; i < 400 && started() < before + 10; i++) await new Promise((r) => setTimeout(r, 5));
      server.process.kill("SIGTERM");
      expect(await Promise.all(inFlight)).toEqual(Array(10).fill(200));
      expect(await exited).toBe(0);
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
      const shuttingDown = /"msg":"shutting down","signal":"SIGTERM","inFlight":(\d+)/.exec(server.logs());
      expect(Number(shuttingDown?.[1])).toBeGreaterThan(0);
      expect(server.logs()).toMatch(/"msg":"stopped","unfinished":0/);
    } finally {
      await server.stop();
    }
  });
});
