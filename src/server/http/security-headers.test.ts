import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./security-headers";

const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe("the Content-Security-Policy", () => {
  it("allows images from the platform only when no image host is configured", () => {
    expect(directive(contentSecurityPolicy("n0nce", false, []), "img-src")).toBe(
      "img-src 'self' data: blob:",
    );
  });

  it("adds exactly the configured image hosts, over https, to img-src and nowhere else", () => {
    const csp = contentSecurityPolicy("n0nce", false, ["images.example.com", "cdn.example.org"]);
    expect(directive(csp, "img-src")).toBe(
      "img-src 'self' data: blob: https://images.example.com https://cdn.example.org",
    );
    const others = csp
      .split(";")
      .map((d) => d.trim())
      .filter((d) => !d.startsWith("img-src "));
    expect(others.join(";")).not.toMatch(/example\.(com|org)/);
    expect(directive(csp, "default-src")).toBe("default-src 'self'");
  });

  it("refuses a host that could widen or break the policy", () => {
    for (const bad of ["*", "https:", "images.example.com; script-src *", "'unsafe-inline'", "a b"]) {
      expect(() => contentSecurityPolicy("n0nce", false, [bad])).toThrow(/image host/);
    }
  });

  it("gives every response its own nonce: 128 random bits, across refills of the random pool", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const nonce = newNonce();
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      seen.add(nonce);
    }
    expect(seen.size).toBe(2000);
  });
});
