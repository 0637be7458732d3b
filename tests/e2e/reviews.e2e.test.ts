import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ratingAverageOf } from "../../src/server/catalog/refresh-course-stats";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { escapeRegExp, signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
const COURSE = "ai-foundations";

interface Summary {
  count: number;
  average: number | null;
  histogram: { rating: number; count: number }[];
}

async function reviewsApi(): Promise<{ items: { authorName: string; rating: number }[]; summary: Summary }> {
  const res = await fetch(`${e2e.server.url}/api/v1/courses/${COURSE}/reviews?limit=50`);
  const body = await res.json();
  const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
  expectMatchesOpenApi(doc, "GET", "/api/v1/courses/{slug}/reviews", res.status, body);
  return body;
}

/** What the page shows (count, average to one decimal) for a summary with one rating added or taken away. */
const shown = (s: Summary, add?: number, remove?: number) => {
  const sum = s.histogram.reduce((n, h) => n + h.rating * h.count, 0) + (add ?? 0) - (remove ?? 0);
  const count = s.count + (add ? 1 : 0) - (remove ? 1 : 0);
  return { count, average: Number(ratingAverageOf(sum, count)).toFixed(1) };
};

async function expectSummary(page: Page, expected: { count: number; average: string }) {
  const ratings = page.locator("section[aria-labelledby='ratings']");
  await ratings.getByText(`${expected.count} ratings`).waitFor();
  expect(await ratings.locator("p.text-5xl").textContent()).toBe(expected.average);
}

const reviewBy = (page: Page, name: string) => page.getByRole("listitem", { name: `Review by ${name}` });

describe("reviews end to end", () => {
  it("lets a student who completed a lesson review, shows markup as text, edits and deletes", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "nia@example.com");
    const watch = watchPage(page, e2e.server.url);
    const before = (await reviewsApi()).summary;

    await page.goto(`${e2e.server.url}/courses/${COURSE}`);
    await page.getByText("Only students enrolled in this course can review it.").waitFor();
    await page.getByRole("button", { name: /Enroll for free/ }).click();
    await page.waitForURL(new RegExp(`/learn/${COURSE}/`));
    const lessonUrl = page.url();

    await page.goto(`${e2e.server.url}/courses/${COURSE}`);
    await page.getByText("Complete at least one lesson of this course to review it.").waitFor();
    expect(await page.getByRole("button", { name: "Publish review" }).count()).toBe(0);

    await page.goto(lessonUrl);
    await page.getByRole("button", { name: "Complete and continue" }).click();
    await page.waitForURL((url) => url.toString() !== lessonUrl);

    await page.goto(`${e2e.server.url}/courses/${COURSE}#reviews`);
    const form = page.getByRole("form", { name: "Write a review" });
    // Unselected stars stand out from the page (WCAG 1.4.11: at least 3:1 against the white card).
    const contrast = await form
      .locator("label span[aria-hidden='true']")
      .last()
      .evaluate((el) => {
        const rgb = getComputedStyle(el)
          .color.match(/\d+(\.\d+)?/g)!
          .slice(0, 3)
          .map(Number);
        const lum = (c: number) => {
          const v = c / 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        const l = 0.2126 * lum(rgb[0]!) + 0.7152 * lum(rgb[1]!) + 0.0722 * lum(rgb[2]!);
        return 1.05 / (l + 0.05);
      });
    expect(contrast).toBeGreaterThanOrEqual(3);
    await form.getByRole("radio", { name: "2 stars" }).check();
    await form.getByLabel("Your comment (optional)").fill(HOSTILE);
    await form.getByText(`${HOSTILE.length} / 2,000 characters`).waitFor();
    await form.getByRole("button", { name: "Publish review" }).click();
    await page.getByText("Thank you: your review is published.").waitFor();

    await page.reload();
    const mine = reviewBy(page, "Nia Okafor");
    expect(await mine.getByTestId("review-comment").textContent()).toBe(HOSTILE);
    expect(await page.locator("img[src='x']").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expectSummary(page, shown(before, 2));

    const edit = page.getByRole("form", { name: "Edit your review" });
    expect(await edit.getByRole("radio", { name: "2 stars" }).isChecked()).toBe(true);
    await edit.getByRole("radio", { name: "5 stars" }).check();
    await edit.getByLabel("Your comment (optional)").fill("Edited: the first lesson is a gentle start.");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Your review is updated.").waitFor();
    await mine.getByText("Edited: the first lesson is a gentle start.").waitFor();
    await expectSummary(page, shown(before, 5));
    expect((await reviewsApi()).items[0]).toMatchObject({ authorName: "Nia Okafor", rating: 5 });

    // Deleting asks first; "Keep it" (where the focus goes) keeps it.
    await page.getByRole("button", { name: "Delete my review" }).click();
    const keep = page.getByRole("button", { name: "Keep it" });
    await expect.poll(() => keep.evaluate((b) => b === document.activeElement)).toBe(true);
    await keep.click();
    await mine.getByText("Edited: the first lesson is a gentle start.").waitFor();
    await page.getByRole("button", { name: "Delete my review" }).click();
    await page.getByRole("button", { name: "Yes, delete my review" }).click();
    await page.getByRole("form", { name: "Write a review" }).waitFor();
    await expectSummary(page, shown(before));
    expect(await reviewBy(page, "Nia Okafor").count()).toBe(0);
    expect((await reviewsApi()).summary).toEqual(before);

    // Nia reports Sam's review for the moderators.
    const sams = reviewBy(page, "Sam Rivera");
    // The disclosure is named for the review it reports, and big enough to hit (24×24 px at least).
    const reportControl = sams.getByText("Report Sam Rivera’s review");
    const box = (await reportControl.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.width).toBeGreaterThanOrEqual(24);
    await reportControl.click();
    await sams.getByLabel(/Why should the moderators look/).fill("This reads like an advertisement.");
    await sams.getByRole("button", { name: "Send report" }).click();
    await sams.getByText("Thank you: the moderators will look at this review.").waitFor();

    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(watch.problems).toEqual([]);
    expect(watch.external).toEqual([]);
    await context.close();
  });

  it("lets an admin hide a reported review: gone from the page and the average, its author sees why", async () => {
    const before = await reviewsApi();
    const sam = before.items.find((r) => r.authorName === "Sam Rivera")!;
    expect(sam).toBeDefined();

    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "admin@example.com");
    await page.goto(`${e2e.server.url}/admin/users`);
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Reviews" })
      .click();
    await page.waitForURL(`${e2e.server.url}/admin/reviews`);
    const report = page.getByRole("listitem", { name: /Report on Sam Rivera’s review/ }).first();
    await report.getByText("This reads like an advertisement.").waitFor();
    await report.getByLabel(/Reason \(the author is e-mailed it/).fill("Promotional content.");
    await report.getByRole("button", { name: "Hide" }).click();
    await page.waitForURL(`${e2e.server.url}/admin/reviews?done=hidden`);
    await page.getByRole("status").getByText("Review hidden; its author was e-mailed the reason.").waitFor();
    // Handled: it leaves the queue for the handled list.
    await expect
      .poll(() => page.getByRole("listitem", { name: /Report on Sam Rivera’s review/ }).count())
      .toBe(0);
    await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name: "Handled" }).click();
    await page.waitForURL(`${e2e.server.url}/admin/reviews?view=handled`);
    const handled = page.getByRole("listitem", { name: /Report on Sam Rivera’s review/ }).first();
    await handled.getByText("Promotional content.").waitFor();
    await handled.getByRole("button", { name: "Restore" }).waitFor();
    const mailbox = await (await fetch(`${e2e.server.url}/dev/mailbox`)).text();
    expect(mailbox).toContain("was hidden");
    expect(mailbox).toContain("The reason given: Promotional content. Only you can see it now");
    expect(mailbox).not.toContain("Promotional content..");

    const visitor = await e2e.browser.newPage();
    await visitor.goto(`${e2e.server.url}/courses/${COURSE}`);
    await expectSummary(visitor, shown(before.summary, undefined, sam.rating));
    expect(await reviewBy(visitor, "Sam Rivera").count()).toBe(0);
    await visitor.close();
    const after = await reviewsApi();
    expect(after.summary.count).toBe(before.summary.count - 1);
    expect(after.items.some((r) => r.authorName === "Sam Rivera")).toBe(false);

    const samContext = await e2e.browser.newContext();
    const samPage = await signInViaMailbox(samContext, e2e.server.url, "sam@example.com");
    await samPage.goto(`${e2e.server.url}/courses/${COURSE}`);
    await samPage.getByText("Hidden by a moderator").waitFor();
    await samPage.getByText(/Promotional content\. Only you can see this review/).waitFor();
    await samPage.getByText(/Editing it keeps it hidden until a moderator restores it/).waitFor();
    await samContext.close();

    // Hidden by mistake: the admin restores it from the handled list; it counts again.
    const restoredBy = await e2e.browser.newContext();
    const admin = await signInViaMailbox(restoredBy, e2e.server.url, "admin@example.com");
    await admin.goto(`${e2e.server.url}/admin/reviews?view=handled`);
    await admin
      .getByRole("listitem", { name: /Report on Sam Rivera’s review/ })
      .first()
      .getByRole("button", { name: "Restore" })
      .click();
    await admin
      .getByRole("status")
      .getByText("Review restored: it is on the course page and in the rating again.")
      .waitFor();
    await restoredBy.close();
    expect((await reviewsApi()).summary).toEqual(before.summary);
  });

  it("lets a moderator dismiss a report: the review stays, the report leaves the queue (issue 21, item 10)", async () => {
    const author = (await reviewsApi()).items.find(
      (r) => r.authorName !== "Sam Rivera" && r.authorName !== "Leo Novak",
    )!.authorName;
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "leo@example.com");
    await page.goto(`${e2e.server.url}/courses/${COURSE}`);
    const review = reviewBy(page, author);
    await review.getByText(`Report ${author}’s review`).click();
    await review.getByLabel(/Why should the moderators look/).fill("I think this one is off topic.");
    await review.getByRole("button", { name: "Send report" }).click();
    await review.getByText("Thank you: the moderators will look at this review.").waitFor();
    await context.close();

    const adminContext = await e2e.browser.newContext();
    const admin = await signInViaMailbox(adminContext, e2e.server.url, "admin@example.com");
    await admin.goto(`${e2e.server.url}/admin/reviews`);
    const item = admin
      .getByRole("listitem", { name: new RegExp(`Report on ${escapeRegExp(author)}’s review`) })
      .first();
    await item.getByText("I think this one is off topic.").waitFor();
    await item.getByRole("button", { name: "Dismiss report" }).click();
    await admin.waitForURL(`${e2e.server.url}/admin/reviews?done=dismissed`);
    const notice = admin
      .getByRole("status")
      .filter({ hasText: "Report dismissed: the review stays as it is." });
    await notice.waitFor();
    await expect.poll(() => notice.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(
      await admin
        .getByRole("listitem", { name: new RegExp(`Report on ${escapeRegExp(author)}’s review`) })
        .count(),
    ).toBe(0);
    await adminContext.close();
    expect((await reviewsApi()).items.some((r) => r.authorName === author)).toBe(true);
  });

  it("answers the JSON API by its document: 403 for a student who may not review, 401 signed out", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "leo@example.com");
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    const refused = await page.request.put(`${e2e.server.url}/api/v1/courses/${COURSE}/review`, {
      headers: { origin: e2e.server.url },
      data: { rating: 5 },
    });
    expect(refused.status()).toBe(403);
    expectMatchesOpenApi(doc, "PUT", "/api/v1/courses/{slug}/review", 403, await refused.json());
    const crossSite = await page.request.put(`${e2e.server.url}/api/v1/courses/${COURSE}/review`, {
      headers: { origin: "https://evil.example" },
      data: { rating: 5 },
    });
    expect(crossSite.status()).toBe(403);
    await context.close();
    const anonymous = await fetch(`${e2e.server.url}/api/v1/courses/${COURSE}/review`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rating: 5 }),
    });
    expect(anonymous.status).toBe(401);
  });
});
