import { describe, expect, it } from "vitest";
import {
  CLIENT_IP_HEADER,
  CLIENT_IP_PROOF_HEADER,
  clientAddress,
  clientIpProof,
  normalizeAddress,
} from "./client-address";
import { clientIp } from "./client-ip";

describe("the client's address", () => {
  it("is the socket's peer without trusted proxies, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "1.1.1.1", 0)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", "1.1.1.1, 2.2.2.2", 0)).toBe("203.0.113.9");
    expect(clientAddress("::1", undefined, 0)).toBe("::1");
  });

  it("is the right-most untrusted hop behind trusted proxies, never a client-chosen first entry", () => {
    // The client sent "6.6.6.6"; the one proxy appended the real client 198.51.100.7 and connected from 10.0.0.2.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    // Two proxies: CDN (appends client) → load balancer (appends CDN) → us.
    expect(clientAddress("10.0.0.3", "6.6.6.6, 198.51.100.7, 172.16.0.9", 2)).toBe("198.51.100.7");
    // Fewer entries than hops: the left-most there is.
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", ["6.6.6.6", "198.51.100.7"], 1)).toBe("198.51.100.7");
  });

  it("normalizes and bounds what it returns", () => {
    expect(normalizeAddress("[::1]:443")).toBe("::1");
    expect(normalizeAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normalizeAddress("not an address <script>")).toBeNull();
    expect(normalizeAddress("x".repeat(100))).toBeNull();
  });
});

describe("clientIp", () => {
  it("believes the address header only with the server's per-process proof", () => {
    const forged = new Headers({ [CLIENT_IP_HEADER]: "6.6.6.6", [CLIENT_IP_PROOF_HEADER]: "guess" });
    expect(clientIp(forged)).toBeNull();
    const proof = clientIpProof(true)!;
    expect(clientIp(forged)).toBeNull();
    expect(
      clientIp(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.9", [CLIENT_IP_PROOF_HEADER]: proof })),
    ).toBe("203.0.113.9");
  });
});
