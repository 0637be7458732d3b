import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { watchPage } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";

const DEMO_TITLES = [
  "AI Foundations: How Modern AI Works",
  "Prompt Engineering in Practice",
  "Machine Learning with Python",
  "Building LLM Applications",
];
const DEMO_SLUGS = [
  "ai-foundations",
  "prompt-engineering",
  "machine-learning-with-python",
  "building-llm-applications",
];

const e2e = setupE2e();

const results = (page: Page) => page.getByRole("region", { name: /All courses|Results for/ });
const cardTitles = (page: Page) => results(page).getByRole("heading", { level: 3 }).allTextContents();

describe("the catalog in a browser", () => {
  it("pages through every course with a small page size, each course once", async () => {
    const page = await e2e.browser.newPage();
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/courses?limit=2`, { waitUntil: "networkidle" });
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Course catalog");
    const seen: string[] = [];
    for (let pages = 1; ; pages++) {
      const titles = await cardTitles(page);
      expect(titles.length).toBeGreaterThan(0);
      expect(titles.length).toBeLessThanOrEqual(2);
      seen.push(...titles);
      const next = page
        .getByRole("navigation", { name: "Pagination" })
        .getByRole("link", { name: /Next page/ });
      if ((await next.count()) === 0) break;
      expect(pages).toBeLessThan(4);
      await next.click();
      await page.waitForURL(/cursor=/);
      expect(new URL(page.url()).searchParams.get("limit")).toBe("2");
    }
    expect([...seen].sort()).toEqual([...DEMO_TITLES].sort());
    // Newest first by default.
    expect(seen[0]).toBe("Building LLM Applications");
    await page.getByRole("link", { name: "First page" }).click();
    await page.waitForURL((u) => !u.searchParams.has("cursor"));
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it("filters by level and price and sorts, in the address, by keyboard alone", async () => {
    const page = await e2e.browser.newPage();
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/courses`, { waitUntil: "networkidle" });
    await page.getByLabel("Level").selectOption("intermediate");
    await page.getByLabel("Sort by").selectOption("price_desc");
    await page.getByRole("button", { name: "Search" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/difficulty=intermediate/);
    expect(await cardTitles(page)).toEqual([
      "Machine Learning with Python",
      "Prompt Engineering in Practice",
    ]);
    // The filter shows as removable, and removing it brings the others back.
    await page
      .getByRole("list", { name: "Active filters" })
      .getByRole("link", { name: /Intermediate/ })
      .click();
    await page.waitForURL((u) => !u.searchParams.has("difficulty"));
    expect(await cardTitles(page)).toHaveLength(4);

    await page.goto(`${e2e.server.url}/courses?price=free`);
    expect(await cardTitles(page)).toEqual(["AI Foundations: How Modern AI Works"]);
    await page.goto(`${e2e.server.url}/courses?min=50&max=100&sort=price_asc`);
    expect(await cardTitles(page)).toEqual(["Machine Learning with Python", "Building LLM Applications"]);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it("searches with stemming, says when nothing matches and offers to clear the filters", async () => {
    const page = await e2e.browser.newPage();
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/`, { waitUntil: "networkidle" });
    await page.getByRole("searchbox", { name: "Search courses" }).fill("prompting");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/courses\?q=prompting/);
    expect((await cardTitles(page))[0]).toBe("Prompt Engineering in Practice");
    expect(await page.getByLabel("Sort by").inputValue()).toBe("relevance");

    await page.goto(`${e2e.server.url}/courses?q=prompting&difficulty=beginner`);
    expect(await page.getByRole("heading", { name: "No courses match “prompting”" }).isVisible()).toBe(true);
    await page.getByRole("link", { name: "Clear filters" }).first().click();
    await page.waitForURL(
      (u) => !u.searchParams.has("difficulty") && u.searchParams.get("q") === "prompting",
    );
    expect((await cardTitles(page))[0]).toBe("Prompt Engineering in Practice");

    await page.goto(`${e2e.server.url}/courses?q=${encodeURIComponent('"quantum basket weaving"')}`);
    await page.getByRole("link", { name: "Show all courses" }).click();
    await page.waitForURL(`${e2e.server.url}/courses`);
    expect(await cardTitles(page)).toHaveLength(4);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it("has one submit button, keeps empty fields out of the address and explains a reversed price range", async () => {
    const page = await e2e.browser.newPage();
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/courses`, { waitUntil: "networkidle" });
    const form = page.getByRole("search", { name: "Search and filter courses" });
    expect(await form.getByRole("button").count()).toBe(1);
    await page.getByLabel("Level").selectOption("beginner");
    await form.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((u) => u.searchParams.get("difficulty") === "beginner");
    expect(new URL(page.url()).search).toBe("?difficulty=beginner");
    // "From" more than "To": said in words, with the range the other way round one click away.
    await page.goto(`${e2e.server.url}/courses`);
    await page.getByLabel(/^From/).fill("100");
    await page.getByLabel(/^To/).fill("20");
    await form.getByRole("button", { name: "Search" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "price range was not applied" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("“From” ($100) is more than “To” ($20)");
    expect(await cardTitles(page)).toHaveLength(4);
    await alert.getByRole("link", { name: "Show courses from $20 to $100" }).click();
    await page.waitForURL((u) => u.searchParams.get("min") === "20" && u.searchParams.get("max") === "100");
    // The three paid courses, none of them free.
    await expect
      .poll(async () => (await cardTitles(page)).sort())
      .toEqual([
        "Building LLM Applications",
        "Machine Learning with Python",
        "Prompt Engineering in Practice",
      ]);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it("answers unknown addresses and certificate numbers with pages that say what to do (404)", async () => {
    const page = await e2e.browser.newPage();
    const missing = await page.goto(`${e2e.server.url}/no-such-page`);
    expect(missing!.status()).toBe(404);
    await page.getByRole("heading", { name: "We couldn't find that page" }).waitFor();
    expect(await page.getByText("catalogue").count()).toBe(0);
    await page.getByRole("link", { name: "Back to the courses" }).click();
    await page.waitForURL(`${e2e.server.url}/courses`);
    const cert = await page.goto(`${e2e.server.url}/certificates/AIW-2026-0000-0000-0000`);
    expect(cert!.status()).toBe(404);
    await page.getByRole("heading", { name: "This number does not match any certificate" }).waitFor();
    expect(await page.getByText(/Check it for typos/).isVisible()).toBe(true);
    // The number looked up is there to correct, and another one can be checked from here.
    const number = page.getByRole("textbox", { name: "Certificate number" });
    expect(await number.inputValue()).toBe("AIW-2026-0000-0000-0000");
    await number.fill(" aiw-2026-0000-0000-0001 ");
    await page.getByRole("button", { name: "Check this number" }).click();
    await page.waitForURL(`${e2e.server.url}/certificates/AIW-2026-0000-0000-0001`);
    await expect.poll(() => number.inputValue()).toBe("AIW-2026-0000-0000-0001");
    await page.close();
  });

  it("shows the first page, with a note, for an altered page link or a value it cannot read", async () => {
    const res = await fetch(`${e2e.server.url}/courses?cursor=eyJ2IjoxfQ&limit=zzz`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("That page link has expired or was changed");
    expect(html).toContain("ignored: limit");
    for (const query of [
      "q=%00",
      "q=%27%22%5C",
      "min=abc&max=-1",
      "sort=relevance",
      "difficulty=WIZARD",
      "q=" + "x".repeat(500),
    ]) {
      expect((await fetch(`${e2e.server.url}/courses?${query}`)).status, query).toBe(200);
    }
  });

  it("opens a course with its rating summary, canonical URL, OpenGraph tags and Course JSON-LD", async () => {
    const page = await e2e.browser.newPage();
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/courses?q=machine+learning`, { waitUntil: "networkidle" });
    await results(page).getByRole("link", { name: "Machine Learning with Python" }).click();
    await page.waitForURL(`${e2e.server.url}/courses/machine-learning-with-python`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Machine Learning with Python");
    const ratings = page.getByRole("region", { name: "Student ratings" });
    expect(await ratings.getByRole("list", { name: "Ratings by stars" }).getByRole("listitem").count()).toBe(
      5,
    );
    expect(await page.getByText("$79.00").first().isVisible()).toBe(true);

    const head = await page.evaluate(() => ({
      canonical: document.querySelector('link[rel="canonical"]')?.getAttribute("href"),
      ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute("content"),
      ogUrl: document.querySelector('meta[property="og:url"]')?.getAttribute("content"),
      jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent),
    }));
    expect(head.canonical).toBe(`${e2e.server.url}/courses/machine-learning-with-python`);
    expect(head.ogUrl).toBe(head.canonical);
    expect(head.ogTitle).toContain("Machine Learning with Python");
    expect(head.jsonLd).toHaveLength(1);
    const course = JSON.parse(head.jsonLd[0]!);
    expect(course).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Course",
      name: "Machine Learning with Python",
      url: head.canonical,
      provider: { "@type": "Organization", name: "AI Whisperers", url: e2e.server.url },
      instructor: [{ "@type": "Person", name: "Alan Osei" }],
      offers: { "@type": "Offer", price: "79.00", priceCurrency: "USD" },
      aggregateRating: { "@type": "AggregateRating", ratingCount: expect.any(Number) },
    });
    expect(watch.problems).toEqual([]); // no CSP report for the JSON-LD block
    expect(watch.external).toEqual([]);
    await page.close();
  });

  it("fits a phone-sized screen", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 390, height: 800 } });
    for (const path of ["/", "/courses", "/courses?q=zzz-no-match", "/courses/ai-foundations"]) {
      await page.goto(e2e.server.url + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

describe("the catalog for machines", () => {
  it("serves a well-formed sitemap listing exactly the published courses, from APP_URL", async () => {
    const res = await fetch(`${e2e.server.url}/sitemap.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/xml/);
    const xml = await res.text();
    const page = await e2e.browser.newPage();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return {
        wellFormed: doc.getElementsByTagName("parsererror").length === 0,
        root: doc.documentElement.localName,
        locs: [...doc.getElementsByTagNameNS("*", "loc")].map((l) => l.textContent),
      };
    }, xml);
    await page.close();
    expect(parsed.wellFormed).toBe(true);
    expect(parsed.root).toBe("urlset");
    const published = (await (await fetch(`${e2e.server.url}/api/v1/courses?limit=50`)).json()).items.map(
      (i: { slug: string }) => i.slug,
    );
    expect([...published].sort()).toEqual([...DEMO_SLUGS].sort());
    const courseLocs = parsed.locs.filter((l) => l!.includes("/courses/"));
    expect(courseLocs.sort()).toEqual(published.map((s: string) => `${e2e.server.url}/courses/${s}`).sort());
    expect(parsed.locs).toContain(`${e2e.server.url}/courses`);
  });

  it("serves robots.txt pointing to the sitemap", async () => {
    const res = await fetch(`${e2e.server.url}/robots.txt`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`Sitemap: ${e2e.server.url}/sitemap.xml`);
    expect(text).toMatch(/Disallow: \/api\//);
  });

  it("answers the catalog API as its OpenAPI document says, cursors included", async () => {
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    const first = await fetch(`${e2e.server.url}/api/v1/courses?limit=3&sort=rating`);
    const body = await first.json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/courses", 200, body);
    expect(body.items).toHaveLength(3);
    const second = await (
      await fetch(`${e2e.server.url}/api/v1/courses?limit=3&sort=rating&cursor=${body.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(1);
    const tampered = await fetch(
      `${e2e.server.url}/api/v1/courses?limit=3&sort=rating&cursor=x${body.nextCursor.slice(1)}`,
    );
    expect(tampered.status).toBe(422);
    expectMatchesOpenApi(doc, "GET", "/api/v1/courses", 422, await tampered.json());
    const detail = await fetch(`${e2e.server.url}/api/v1/courses/ai-foundations`);
    expectMatchesOpenApi(doc, "GET", "/api/v1/courses/{slug}", 200, await detail.json());
    const missing = await fetch(`${e2e.server.url}/api/v1/courses/no-such-course`);
    expect(missing.status).toBe(404);
    expectMatchesOpenApi(doc, "GET", "/api/v1/courses/{slug}", 404, await missing.json());
  });
});
