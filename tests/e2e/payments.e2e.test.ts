import Stripe from "stripe";
import type { Page } from "playwright-core";
import { startStripeStandIn } from "../helpers/stripe-stand-in";
import { describe, expect, it } from "vitest";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { setupE2e, startE2eServer } from "./helpers/setup";

const e2e = setupE2e();

async function buyWithDemo(page: Page) {
  await page.goto(`${e2e.server.url}/courses/machine-learning-with-python`);
  await page.getByRole("button", { name: "Buy for $79.00" }).click();
  await page.waitForURL(new RegExp(`${e2e.server.url}/checkout/demo/`));
  await page.getByRole("button", { name: "Simulate a declined card" }).click();
  await page.getByRole("alert").filter({ hasText: "Your card was declined" }).waitFor();
  await page.getByRole("button", { name: "Pay $79.00" }).click();
  await page.waitForURL(new RegExp(`${e2e.server.url}/checkout/return`));
  await page.getByRole("heading", { name: "Payment received — the course is yours" }).waitFor();
}

describe("buying a course with the demo provider", () => {
  it("buys, learns, is refunded by an admin, loses access, buys again", async () => {
    const student = await e2e.browser.newContext();
    const page = await signInViaMailbox(student, e2e.server.url, "nia@example.com");
    const watch = watchPage(page, e2e.server.url);
    await buyWithDemo(page);

    await page.goto(`${e2e.server.url}/courses/machine-learning-with-python`);
    await page.getByRole("link", { name: /Start learning|Continue where you left off/ }).click();
    await page.waitForURL(new RegExp(`${e2e.server.url}/learn/machine-learning-with-python/`));
    const lessonUrl = page.url();
    await page.getByRole("button", { name: "Complete and continue" }).click();
    await page.waitForURL((u) => u.toString() !== lessonUrl);

    const purchases = await page.request.get(`${e2e.server.url}/api/v1/me/payments`);
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    const body = await purchases.json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/me/payments", 200, body);
    expect(body.items.filter((p: { status: string }) => p.status === "COMPLETED")).toHaveLength(1);
    const mailbox = await (await fetch(`${e2e.server.url}/dev/mailbox`)).text();
    expect(mailbox).toContain("Receipt: Machine Learning with Python");
    // A real receipt: its page from the purchases list, printable; the e-mail is no sign-in link.
    await page.goto(`${e2e.server.url}/account`);
    await page.getByRole("link", { name: "Receipt for Machine Learning with Python" }).first().click();
    await page.getByRole("heading", { name: "Receipt", exact: true }).waitFor();
    await page.getByText("Payment reference").waitFor();
    await page.getByRole("button", { name: "Print or save as PDF" }).waitFor();

    const admin = await e2e.browser.newContext();
    const adminPage = await signInViaMailbox(admin, e2e.server.url, "admin@example.com");
    await adminPage.goto(`${e2e.server.url}/admin/payments?status=COMPLETED&provider=demo`);
    const row = adminPage.getByRole("row").filter({ hasText: "nia@example.com" });
    await row.getByRole("checkbox").check();
    await row.getByRole("button", { name: "Refund" }).click();
    await adminPage.getByText("Refunded: access to the course has ended.").waitFor();
    await admin.close();

    await page.goto(lessonUrl);
    await page.getByText("This lesson is closed to you").waitFor();
    expect(await page.getByText("This course was refunded").isVisible()).toBe(true);
    // Told by e-mail, and the dashboard says when, with the way back.
    expect(await (await fetch(`${e2e.server.url}/dev/mailbox`)).text()).toContain(
      "Refund: Machine Learning with Python",
    );
    await page.goto(`${e2e.server.url}/dashboard`);
    const card = page.getByRole("listitem").filter({ hasText: "Machine Learning with Python" });
    await card.getByText(/Refunded on \d+ \w+ \d{4}/).waitFor();
    await card.getByRole("link", { name: /Buy again/ }).waitFor();

    await buyWithDemo(page);
    await page.goto(lessonUrl);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByText("This lesson is closed to you").count()).toBe(0);
    expect(watch.problems).toEqual([]);
    await student.close();
  });

  it("buys with a 50% coupon: the page shows the discount, the provider charges it, the payment records it; the scheduled module says when it opens", async () => {
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "sam@example.com");
    const watch = watchPage(page, e2e.server.url);
    await page.goto(`${e2e.server.url}/courses/prompt-engineering`);
    // An expired code is refused with its reason; the price stays.
    await page.getByLabel("Coupon code").fill("spring-25");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByText("This coupon has expired").waitFor();
    await page.getByRole("button", { name: "Buy for $49.00" }).waitFor();
    await page.getByLabel("Coupon code").fill("learn50");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByText("Coupon LEARN50 applied:").waitFor();
    await page.getByRole("button", { name: "Buy for $24.50" }).click();
    await page.waitForURL(new RegExp(`${e2e.server.url}/checkout/demo/`));
    await page.getByRole("button", { name: "Pay $24.50" }).click();
    await page.waitForURL(new RegExp(`${e2e.server.url}/checkout/return`));
    await page.getByRole("heading", { name: "Payment received — the course is yours" }).waitFor();
    await page.getByText("Coupon LEARN50: $24.50 off the price of $49.00.").waitFor();

    // The course's last module opens a week after enrolling (the demo's scheduled release): the syllabus,
    // the player and the API all say when.
    await page.goto(`${e2e.server.url}/courses/prompt-engineering`);
    await page.getByText("Opens 7 days after you enroll").waitFor();
    const outline = await (await fetch(`${e2e.server.url}/api/v1/courses/prompt-engineering`)).json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/courses/{slug}", 200, outline);
    const scheduled = outline.modules.at(-1);
    expect(scheduled.release).toEqual({ kind: "after_days", days: 7 });
    const lockedLesson = scheduled.lessons[0].id;
    await page.goto(`${e2e.server.url}/learn/prompt-engineering/${lockedLesson}`);
    await page.getByRole("status").filter({ hasText: "This module opens on" }).waitFor();
    await page
      .getByText(/Opens on \d+ \w+ \d{4}/)
      .first()
      .waitFor();
    const lessonApi = await page.request.get(`${e2e.server.url}/api/v1/lessons/${lockedLesson}`);
    expect(lessonApi.status()).toBe(403);
    const lockedBody = await lessonApi.json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/lessons/{id}", 403, lockedBody);
    expect(lockedBody.error).toMatchObject({ code: "NOT_YET_AVAILABLE" });
    expect(Date.parse(lockedBody.error.availableAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    const purchases = await (await page.request.get(`${e2e.server.url}/api/v1/me/payments`)).json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/me/payments", 200, purchases);
    expect(purchases.items[0]).toMatchObject({
      amount: 2450,
      discount: 2450,
      couponCode: "LEARN50",
      status: "COMPLETED",
    });
    // Used once: the same code is refused the second time, with its reason, through the API too.
    const price = await page.request.get(
      `${e2e.server.url}/api/v1/courses/machine-learning-with-python/price?coupon=LEARN50`,
    );
    const quote = await price.json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/courses/{slug}/price", 200, quote);
    expect(quote).toMatchObject({
      price: 7900,
      finalPrice: 7900,
      coupon: { valid: false, reason: "ALREADY_USED" },
    });
    const refused = await page.request.post(
      `${e2e.server.url}/api/v1/courses/machine-learning-with-python/checkout`,
      { data: { couponCode: "LEARN50" }, headers: { origin: e2e.server.url } },
    );
    expect(refused.status()).toBe(422);
    const refusal = await refused.json();
    expectMatchesOpenApi(doc, "POST", "/api/v1/courses/{slug}/checkout", 422, refusal);
    expect(refusal.error).toMatchObject({ code: "COUPON_INVALID", reason: "ALREADY_USED" });

    const admin = await e2e.browser.newContext();
    const adminPage = await signInViaMailbox(admin, e2e.server.url, "admin@example.com");
    await adminPage.goto(`${e2e.server.url}/admin/payments?buyer=sam%40example.com`);
    await adminPage.getByRole("row").filter({ hasText: "coupon LEARN50" }).waitFor();
    await adminPage.goto(`${e2e.server.url}/admin/coupons`);
    const row = adminPage.getByRole("row").filter({ hasText: "LEARN50" });
    await row.getByText("1", { exact: true }).waitFor();
    await admin.close();
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it("revokes a refunded course's certificate in words, on its page and on the dashboard (item 9)", async () => {
    // Jonas completed Machine Learning with Python (certificate issued); an admin refunds his purchase.
    const admin = await e2e.browser.newContext();
    const adminPage = await signInViaMailbox(admin, e2e.server.url, "admin@example.com");
    await adminPage.goto(`${e2e.server.url}/admin/payments?buyer=jonas%40example.com&status=COMPLETED`);
    const row = adminPage.getByRole("row").filter({ hasText: "Machine Learning with Python" });
    await row.getByRole("checkbox").check();
    await row.getByRole("button", { name: "Refund" }).click();
    await adminPage.getByText("Refunded: access to the course has ended.").waitFor();
    await admin.close();

    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "jonas@example.com");
    await page.goto(`${e2e.server.url}/dashboard`);
    const card = page.getByRole("listitem").filter({ hasText: "Machine Learning with Python" });
    await card.getByRole("link", { name: "Certificate (revoked)" }).click();
    await page.getByRole("heading", { name: "This certificate was revoked" }).waitFor();
    expect(await page.getByText("has completed the course").count()).toBe(0);
    await page.getByText(/On \d+ \w+ \d{4}, the purchase behind it was refunded/).waitFor();
    await context.close();
  });

  it("answers the Stripe webhook only where Stripe is configured", async () => {
    const res = await fetch(`${e2e.server.url}/api/webhooks/stripe`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
  });
});

describe("Stripe's webhook on a server configured for Stripe", () => {
  it("verifies signatures and drives a purchase made through Stripe Checkout", async () => {
    const standIn = await startStripeStandIn();
    const secret = "whsec_e2e_stripe";
    const stripeServer = await startE2eServer({
      STRIPE_SECRET_KEY: "sk_test_e2e",
      STRIPE_WEBHOOK_SECRET: secret,
      STRIPE_API_BASE: standIn.url,
    });
    try {
      const context = await e2e.browser.newContext();
      const page = await signInViaMailbox(context, stripeServer.url, "sam@example.com");
      await page.goto(`${stripeServer.url}/courses/prompt-engineering`);
      // Sam has no prompt-engineering enrollment: buy it. The browser is sent to Stripe (not reachable here).
      await Promise.all([
        page.waitForRequest((r) => r.url().startsWith("https://checkout.stripe.test/")).catch(() => null),
        page.getByRole("button", { name: "Buy for $49.00" }).click(),
      ]);
      const created = standIn.requests.find((r) => r.path === "/v1/checkout/sessions")!;
      const paymentId = created.form.get("metadata[paymentId]")!;
      const signer = new Stripe("sk_test_signer");
      const payload = JSON.stringify({
        id: "evt_e2e_paid",
        object: "event",
        type: "checkout.session.completed",
        data: {
          object: {
            id: "cs_test_e2e",
            object: "checkout.session",
            payment_status: "paid",
            status: "complete",
            amount_total: 4900,
            currency: "usd",
            client_reference_id: paymentId,
            metadata: { paymentId },
            payment_intent: "pi_e2e",
          },
        },
      });
      const post = (body: string, signature: string) =>
        fetch(`${stripeServer.url}/api/webhooks/stripe`, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": signature },
          body,
        });
      const forged = await post(
        payload,
        signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_wrong" }),
      );
      expect(forged.status).toBe(400);
      const good = signer.webhooks.generateTestHeaderString({ payload, secret });
      expect((await post(payload, good)).status).toBe(200);
      expect(await (await post(payload, good)).json()).toMatchObject({ received: true, applied: false });
      // The first tab is still failing to reach Stripe's (unreachable) checkout: look from a fresh one.
      const after = await context.newPage();
      await after.goto(`${stripeServer.url}/courses/prompt-engineering`);
      await after.getByRole("link", { name: /Start learning|Continue where you left off/ }).waitFor();
      await context.close();
    } finally {
      await stripeServer.stop();
      await standIn.close();
    }
  });
});
