import { describe, expect, it } from "vitest";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { watchPage } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

function expectSecurityHeaders(res: Response, what: string, policy: "page" | "api") {
  const csp = res.headers.get("content-security-policy") ?? "";
  if (policy === "api") {
    // JSON runs and embeds nothing.
    expect(csp, `${what}: CSP`).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  } else {
    expectPagePolicy(csp, what);
  }
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("x-request-id"), what).toBeTruthy();
  // APP_URL is plain http here: no HSTS (the production test checks it is sent under https).
  expect(res.headers.get("strict-transport-security"), what).toBeNull();
}

function expectPagePolicy(csp: string, what: string) {
  expect(csp, `${what}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  // The exercise sandbox (the one same-origin frame), then the video players.
  expect(csp, what).toMatch(
    /frame-src https?:\/\/[^ ]+\/sandbox\/runner https:\/\/www\.youtube-nocookie\.com https:\/\/player\.vimeo\.com;/,
  );
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'none'");
}

describe("the served platform", () => {
  it("sends the security headers on pages, API responses, errors and 404s, with a fresh nonce each time", async () => {
    const pages = ["/", "/", "/courses", "/no-such-page", "/dev"];
    const nonces = new Set<string>();
    for (const p of pages) {
      const res = await fetch(e2e.server.url + p);
      expectSecurityHeaders(res, p, "page");
      nonces.add(/nonce-([^']+)/.exec(res.headers.get("content-security-policy")!)![1]!);
    }
    expect(nonces.size).toBe(pages.length);
    for (const p of ["/api/health", "/api/v1/platform", "/api/v1/openapi.json", "/api/v1/nope"]) {
      expectSecurityHeaders(await fetch(e2e.server.url + p), p, "api");
    }
    const html = await (await fetch(e2e.server.url + "/")).text();
    const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    const asset = await fetch(e2e.server.url + css!);
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
    expect(asset.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("answers /favicon.ico with the platform's icon, not a 404 in the browser's console", async () => {
    const res = await fetch(e2e.server.url + "/favicon.ico");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg/);
  });

  it("nonces every script of a page, so none runs without it", async () => {
    const res = await fetch(e2e.server.url + "/");
    const nonce = /nonce-([^']+)/.exec(res.headers.get("content-security-policy")!)![1]!;
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("reports health as 200 with the database up", async () => {
    const res = await fetch(e2e.server.url + "/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "up", latencyMs: expect.any(Number) });
  });

  it("answers /api/v1 as its OpenAPI document says, errors included", async () => {
    const doc = await (await fetch(e2e.server.url + "/api/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0].url).toBe(e2e.server.url);
    const ok = await fetch(e2e.server.url + "/api/v1/platform");
    const body = await ok.json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/platform", 200, body);
    expect(body).toMatchObject({ name: "AI Whisperers", mode: "demo", currency: "USD", url: e2e.server.url });
    const wrongMethod = await fetch(e2e.server.url + "/api/v1/platform", { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    const unknown = await fetch(e2e.server.url + "/api/v1/does/not/exist", { method: "POST", body: "{]" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "NOT_FOUND", message: expect.any(String) } });
  });

  it("never answers malformed requests with a 500", async () => {
    const attempts: [string, RequestInit][] = [
      ["/api/v1/platform?%E0%A4%A=1", {}],
      ["/api/v1/platform", { method: "POST", headers: { "content-type": "application/json" }, body: "{" }],
      [
        "/api/v1/platform",
        { method: "PUT", headers: { "content-type": "text/plain", cookie: "x=1" }, body: "x" },
      ],
      ["/api/v1/%00", {}],
      ["/api/v1/" + "a/".repeat(300), {}],
      ["/api/health?x=" + "y".repeat(4000), {}],
      ["/courses/%E0%A4%A", {}],
    ];
    for (const [p, init] of attempts) {
      const res = await fetch(e2e.server.url + p, init);
      expect(res.status, p.slice(0, 60)).toBeLessThan(500);
    }
  });

  it("renders the home page in Chromium with the demo banner, no script errors and nothing loaded from outside", async () => {
    const page = await e2e.browser.newPage();
    const watch = watchPage(page, e2e.server.url);
    await page.goto(e2e.server.url + "/", { waitUntil: "networkidle" });
    expect(await page.title()).toContain("AI Whisperers");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Learn AI");
    expect(await page.getByRole("note", { name: "Demo mode" }).isVisible()).toBe(true);
    // React hydrated (its scripts ran under the CSP): client navigation works.
    await page.getByRole("link", { name: "What the demo offers" }).click();
    await page.waitForURL(e2e.server.url + "/dev");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Demo mode");
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it("is usable on a phone-sized screen and by keyboard", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(e2e.server.url + "/");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.close();
  });

  it("shows the four demo courses on the home page and a course page with its syllabus", async () => {
    const page = await e2e.browser.newPage();
    const watch = watchPage(page, e2e.server.url);
    await page.goto(e2e.server.url + "/", { waitUntil: "networkidle" });
    const cards = page
      .getByRole("list")
      .filter({ has: page.getByRole("article") })
      .getByRole("article");
    expect(await cards.count()).toBe(4);
    const titles = await page.getByRole("heading", { level: 3 }).allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining([
        "AI Foundations: How Modern AI Works",
        "Prompt Engineering in Practice",
        "Machine Learning with Python",
        "Building LLM Applications",
      ]),
    );
    expect(await page.getByText("Price: Free").count()).toBe(1);
    expect(await page.getByText("Price: $49.00").count()).toBe(1);
    // Covers are shipped with the app and load.
    const covers = await page
      .locator("article img")
      .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(covers.every((w) => w > 0)).toBe(true);

    await page.getByRole("link", { name: "Prompt Engineering in Practice" }).click();
    await page.waitForURL(e2e.server.url + "/courses/prompt-engineering");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Prompt Engineering in Practice",
    );
    expect(await page.title()).toContain("Prompt Engineering");
    const syllabus = page.getByRole("region", { name: "Syllabus" });
    expect(await syllabus.getByRole("listitem").filter({ hasText: "Module 1" }).count()).toBeGreaterThan(0);
    expect(await syllabus.getByText("Module 4").isVisible()).toBe(true);
    expect(
      await page.getByRole("region", { name: "What you will learn" }).getByRole("listitem").count(),
    ).toBeGreaterThan(3);
    expect(await page.getByText("Ada Lindqvist").first().isVisible()).toBe(true);
    // Modules expand and collapse by keyboard.
    const second = syllabus.locator("summary").nth(1);
    await second.focus();
    await page.keyboard.press("Enter");
    expect(await syllabus.locator("details").nth(1).getAttribute("open")).not.toBeNull();
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it("answers an unknown course with 404 and shows the designed not-found page", async () => {
    for (const slug of ["no-such-course", "NOT%20A%20SLUG"]) {
      const res = await fetch(`${e2e.server.url}/courses/${slug}`);
      expect(res.status).toBe(404);
    }
    // Next.js renders notFound() of a dynamic page on the client (vercel/next.js#62228): check it in Chromium.
    const page = await e2e.browser.newPage();
    const response = await page.goto(`${e2e.server.url}/courses/no-such-course`);
    expect(response!.status()).toBe(404);
    await page.getByRole("heading", { name: "We couldn't find that page" }).waitFor();
    expect(await page.getByRole("link", { name: "Back to the courses" }).isVisible()).toBe(true);
    await page.close();
  });

  it("shows a designed 404 page", async () => {
    const res = await fetch(e2e.server.url + "/no-such-page");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("We couldn&#x27;t find that page");
  });

  it("has no metrics endpoint unless METRICS_TOKEN is set", async () => {
    const res = await fetch(`${e2e.server.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/METRICS_TOKEN/);
  });
});
