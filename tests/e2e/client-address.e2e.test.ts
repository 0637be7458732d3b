import { describe, expect, it } from "vitest";
import { startE2eServer } from "./helpers/setup";

/**
 * The client's address is the platform server's, from the socket (and trusted proxy hops), never what the
 * client writes in X-Forwarded-For: the certificate lookups' per-client limit (60 a minute) is the probe.
 */
async function lookups(url: string, forwardedFor: (i: number) => string, n: number) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${url}/api/v1/certificates/AIW-2026-0000-0000-0000`, {
      headers: { "x-forwarded-for": forwardedFor(i), "x-aiw-client-ip": `192.0.2.${i % 250}` },
    });
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

/**
 * The limit counts in fixed windows aligned to the clock's minutes: 62 lookups that straddle a minute boundary
 * are counted in two windows. Start them early in a minute.
 */
async function freshWindow() {
  const second = new Date().getUTCSeconds();
  if (second > 30) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

describe("client addresses", () => {
  it("come from the connection: a forged X-Forwarded-For (or our own header) does not escape a per-client limit", async () => {
    const server = await startE2eServer();
    try {
      await freshWindow();
      const statuses = await lookups(server.url, (i) => `203.0.113.${i % 250}`, 62);
      expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(60)).toEqual([429, 429]);
    } finally {
      await server.stop();
    }
  });

  it("behind one trusted proxy, are the entry that proxy appended, not the client's first entry", async () => {
    const server = await startE2eServer({ TRUST_PROXY_HOPS: "1" });
    try {
      // The client forges the first entry every time; the proxy appends the same real address: limited.
      await freshWindow();
      const same = await lookups(server.url, (i) => `6.6.6.${i % 250}, 198.51.100.7`, 61);
      expect(same.at(-1)).toBe(429);
      // Different real clients behind the proxy are counted apart.
      const apart = await lookups(server.url, (i) => `198.51.100.${100 + (i % 100)}`, 61);
      expect(apart.every((s) => s === 404)).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
