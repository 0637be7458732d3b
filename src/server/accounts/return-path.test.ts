import { describe, expect, it } from "vitest";
import { authRedirectUrl, sameOriginPath } from "./return-path";
import { ZReturnPath } from "./schemas";

// Tests run in demo mode: APP_URL is http://localhost:3000.
const parse = (v: unknown) => ZReturnPath.parse(v);

describe("return paths after signing in", () => {
  it("keeps a path on this platform, with its query and fragment", () => {
    expect(parse("/courses/ai-foundations?tab=reviews#top")).toBe("/courses/ai-foundations?tab=reviews#top");
    expect(parse("/account")).toBe("/account");
  });

  it("normalises an address on APP_URL to its path", () => {
    expect(parse("http://localhost:3000/dashboard?x=1")).toBe("/dashboard?x=1");
  });

  it("refuses other origins, protocol-relative and backslash tricks", () => {
    for (const bad of [
      "https://evil.example/x",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "http://localhost:3001/account",
    ])
      expect(parse(bad), bad).toBe("/dashboard");
  });

  it("refuses tabs, line breaks and other control characters that browsers strip", () => {
    for (const bad of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\r\n/evil.example",
      "/\u0000/evil.example",
      "/\u007f/x",
      "/\u0085/x",
      "\t/account",
    ])
      expect(parse(bad), JSON.stringify(bad)).toBe("/dashboard");
  });

  it("never yields a path that a browser reads as another host", () => {
    for (const bad of ["/.//evil.example", "/..//evil.example", "/a/..//evil.example"])
      expect(parse(bad), bad).toBe("/dashboard");
  });

  it("percent-encodes what a Location header cannot carry", () => {
    const p = parse("/\u3000/evil.example");
    expect(p).toBe("/%E3%80%80/evil.example");
    expect(p).toMatch(/^\/[\x21-\x7e]*$/);
    expect(parse("/x y")).toBe("/x%20y");
  });

  it("falls back to the account page for nothing, non-strings and very long input", () => {
    expect(parse("")).toBe("/dashboard");
    expect(parse(undefined)).toBe("/dashboard");
    expect(parse(42)).toBe("/dashboard");
    expect(parse(`/${"a".repeat(600)}`)).toBe("/dashboard");
  });

  it("resolves against the origin it is given", () => {
    expect(sameOriginPath("https://learn.example.com/a", "https://learn.example.com")).toBe("/a");
    expect(sameOriginPath("/a", "https://learn.example.com")).toBe("/a");
    expect(sameOriginPath("http://learn.example.com/a", "https://learn.example.com")).toBeNull();
    expect(sameOriginPath("/\t/evil.example", "https://learn.example.com")).toBeNull();
  });
});

describe("Auth.js redirects", () => {
  const app = "https://learn.example.com";
  it("follows the same rule: on APP_URL, or home", () => {
    expect(authRedirectUrl("/account?x=1", app)).toBe(`${app}/account?x=1`);
    expect(authRedirectUrl(`${app}/courses`, app)).toBe(`${app}/courses`);
    for (const bad of [
      "https://evil.example/x",
      "//evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/.//evil.example",
      "javascript:alert(1)",
      `${app}/\r\nSet-Cookie:x=1`,
    ])
      expect(authRedirectUrl(bad, app), JSON.stringify(bad)).toBe(app);
  });

  it("percent-encodes what a Location header cannot carry", () => {
    expect(authRedirectUrl("/\u3000/x", app)).toBe(`${app}/%E3%80%80/x`);
  });
});
