import { describe, expect, it } from "vitest";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { expectEnrollmentShownWithinASecond } from "./helpers/page-cache";
import { setupE2e } from "./helpers/setup";

/**
 * The lean server (src/server/http/lean-server.ts): the JSON API without Next.js, and anonymous public pages
 * from its cache with a fresh nonce in every response, emptied within a second of a change.
 */
const METRICS_TOKEN = "m".repeat(16) + "e2e-metrics-token-0123456789";
const e2e = setupE2e({ env: { METRICS_TOKEN } });

const cspNonce = (res: Response) =>
  /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
const bodyNonces = (html: string) => [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);

describe("the lean server", () => {
  it("serves an anonymous course page from its cache, with a nonce no other response carries", async () => {
    const url = `${e2e.server.url}/courses/machine-learning-with-python`;
    const seen = new Set<string>();
    const states: string[] = [];
    let etag = "";
    for (let i = 0; i < 8; i++) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      states.push(res.headers.get("x-cache") ?? "none");
      const html = await res.text();
      const nonce = cspNonce(res)!;
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(seen.has(nonce)).toBe(false);
      seen.add(nonce);
      // Every script of the page carries this response's nonce, and nothing is left of the placeholder.
      const nonces = bodyNonces(html);
      expect(nonces.length).toBeGreaterThan(3);
      expect(new Set(nonces)).toEqual(new Set([nonce]));
      expect(html).not.toMatch(/aiwNoncePlaceholder/);
      // Nor in a header: Next.js puts the nonce on the stylesheet's preload link too.
      for (const [name, value] of res.headers) expect(`${name}: ${value}`).not.toMatch(/aiwNoncePlaceholder/);
      const link = res.headers.get("link");
      if (link?.includes("nonce=")) expect(link).toContain(`nonce="${nonce}"`);
      expect(res.headers.get("cache-control")).toBe("public, no-cache");
      etag = res.headers.get("etag") ?? "";
    }
    // Served from the cache after the first render (a background change may empty it once in a while).
    expect(states[0]).toBe("MISS");
    expect(states.filter((s) => s === "HIT").length).toBeGreaterThanOrEqual(5);

    // A browser revalidates: 304, and no new policy that would not match the nonce of its stored copy.
    const again = await fetch(url, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("content-security-policy")).toBeNull();

    // A request with a session cookie never comes from the shared cache.
    const signedIn = await fetch(url, { headers: { cookie: "authjs.session-token=not-a-real-session" } });
    expect(signedIn.headers.get("x-cache")).toBeNull();
    expect(signedIn.headers.get("cache-control")).toMatch(/private|no-store/);
    await signedIn.text();

    // Only 200 pages are kept: an unknown course is a real 404 every time, rendered for each request.
    for (let i = 0; i < 2; i++) {
      const missing = await fetch(`${e2e.server.url}/courses/no-such-course`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-cache")).toBeNull();
      await missing.text();
    }

    // A client cannot choose the nonce or the cache's placeholder.
    const forged = await fetch(url, {
      headers: { "x-aiw-nonce": "chosen-by-attacker", "x-aiw-cache-fill": "x" },
    });
    expect(await forged.text()).not.toContain("chosen-by-attacker");
  });

  it("runs the cached page in a browser: its scripts run under the policy (no CSP violation)", async () => {
    const url = `${e2e.server.url}/courses/ai-foundations`;
    await (await fetch(url)).text();
    const page = await e2e.browser.newPage();
    const watch = watchPage(page, e2e.server.url);
    const res = await page.goto(url);
    expect(res?.headers()["x-cache"]).toBe("HIT");
    // The page hydrated: client-side navigation works (a blocked script would leave a plain link).
    await page.getByRole("link", { name: "Courses", exact: true }).first().click();
    await page.waitForURL(`${e2e.server.url}/courses`);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it("shows a change on the cached page within a second (an enrollment raises the learner count)", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "nia@example.com");
    await expectEnrollmentShownWithinASecond(`${e2e.server.url}/courses/ai-foundations`, async () => {
      const enrolled = await page.request.post(`${e2e.server.url}/api/v1/courses/ai-foundations/enrollment`, {
        headers: { origin: e2e.server.url },
      });
      expect(enrolled.status()).toBe(201);
    });
    await context.close();
  });

  it("answers the JSON API itself, with its own security headers and request id", async () => {
    const res = await fetch(`${e2e.server.url}/api/v1/courses/ai-foundations`, {
      headers: { "x-request-id": "lean-server-test-0001" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("lean-server-test-0001");
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await res.json()).slug).toBe("ai-foundations");
  });

  it("serves Prometheus metrics only with METRICS_TOKEN: requests by route template, cache hits, the pool", async () => {
    const base = e2e.server.url;
    await fetch(`${base}/api/v1/courses?limit=2`);
    await fetch(`${base}/api/v1/lessons/00000000-0000-4000-8000-000000000000`);
    await fetch(`${base}/privacy`);
    await fetch(`${base}/privacy`);
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain(
      'aiw_http_requests_total{kind="api",route="/api/v1/courses",method="GET",status="200"}',
    );
    // Ids never become labels: the template does.
    expect(text).toContain('route="/api/v1/lessons/{id}",method="GET",status="401"');
    expect(text).not.toContain("00000000-0000-4000-8000-000000000000");
    expect(text).toMatch(
      /aiw_http_request_duration_seconds_bucket\{le="0\.1",kind="page",route="\/privacy",method="GET"\} \d/,
    );
    expect(text).toMatch(/aiw_page_cache_lookups_total\{result="hit"\} [1-9]/);
    if (process.env.DATABASE_URL) expect(text).toMatch(/aiw_db_pool_connections\{state="total"\} [1-9]/);
  });
});
