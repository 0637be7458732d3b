import http from "node:http";
import { describe, expect, it } from "vitest";
import { expectMatchesOpenApi } from "../helpers/openapi";
import { signInViaMailbox } from "./helpers/auth";
import { watchPage } from "./helpers/browser";
import { startServer } from "./helpers/server";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e();

/** A raw HTTP request, so the Host header can be anything (fetch does not allow forging it). */
function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request(url, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      if (opts.body) req.write(opts.body);
      req.end();
    },
  );
}

describe("accounts in the browser", () => {
  it("signs a demo student in through the mailbox, with hardened cookies, and shows their account", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "maya@example.com");
    const watch = watchPage(page, e2e.server.url);
    await page.reload();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Your account");
    expect(await page.getByText("maya@example.com").first().isVisible()).toBe(true);
    expect(await page.getByLabel(/^Name/).inputValue()).toBe("Maya Chen");
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"))!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(Buffer.from(cookie.value, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it("keeps what was typed in the profile form when saving fails, and says what to fix", async () => {
    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "jonas@example.com");
    await page.getByLabel(/^Name/).fill("Jonas Q. Student");
    await page.getByLabel(/^Picture URL/).fill("http://insecure.example.com/me.png");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Use an https:// address of an image, or leave it empty.").first().waitFor();
    await expect.poll(() => page.getByLabel(/^Name/).inputValue()).toBe("Jonas Q. Student");
    expect(await page.getByLabel(/^Picture URL/).inputValue()).toBe("http://insecure.example.com/me.png");
    expect(await page.getByLabel(/^Picture URL/).getAttribute("aria-invalid")).toBe("true");
    // Fixed, it saves, and the saved values stay.
    await page.getByLabel(/^Picture URL/).fill("");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Profile saved.").waitFor();
    expect(await page.getByLabel(/^Name/).inputValue()).toBe("Jonas Q. Student");
    await context.close();
  });

  it("exports the user's data, revokes another session, signs out — and another user cannot touch it", async () => {
    const first = await e2e.browser.newContext();
    const second = await e2e.browser.newContext();
    const page = await signInViaMailbox(first, e2e.server.url, "sam@example.com");
    const other = await signInViaMailbox(second, e2e.server.url, "sam@example.com");

    const exported = await page.request.get(`${e2e.server.url}/api/v1/me/export`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-disposition"]).toMatch(/attachment; filename="ai-whisperers-export-/);
    const data = await exported.json();
    const doc = await (await fetch(`${e2e.server.url}/api/v1/openapi.json`)).json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/me/export", 200, data);
    expect(data.profile.email).toBe("sam@example.com");
    expect(data.enrollments.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(data)).not.toMatch(/session_?token/i);

    const sessions = await (await page.request.get(`${e2e.server.url}/api/v1/me/sessions`)).json();
    expectMatchesOpenApi(doc, "GET", "/api/v1/me/sessions", 200, sessions);
    expect(sessions.items.length).toBeGreaterThanOrEqual(2);
    const current = sessions.items.find((s: { current: boolean }) => s.current);

    // Another student cannot revoke, or even see, Sam's sessions.
    const mallory = await e2e.browser.newContext();
    const malloryPage = await signInViaMailbox(mallory, e2e.server.url, "leo@example.com");
    const attack = await malloryPage.request.delete(`${e2e.server.url}/api/v1/me/sessions/${current.id}`, {
      headers: { origin: e2e.server.url },
    });
    expect(attack.status()).toBe(404);
    const leos = await (await malloryPage.request.get(`${e2e.server.url}/api/v1/me/export`)).json();
    expect(leos.profile.email).toBe("leo@example.com");
    expect(JSON.stringify(leos)).not.toContain("sam@example.com");
    // A cross-site write with the cookie is refused.
    const csrf = await malloryPage.request.delete(`${e2e.server.url}/api/v1/me/sessions/${current.id}`, {
      headers: { origin: "https://evil.example" },
    });
    expect(csrf.status()).toBe(403);
    await mallory.close();

    await page.reload();
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await page.getByRole("button", { name: "Sign out everywhere else" }).waitFor({ state: "detached" });
    await other.goto(`${e2e.server.url}/account`);
    await other.waitForURL(/\/signin\?callbackUrl=%2Faccount/);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(`${e2e.server.url}/`);
    expect((await page.request.get(`${e2e.server.url}/api/v1/me/sessions`)).status()).toBe(401);
    await first.close();
    await second.close();
  });

  it("deletes a fresh account after typing its address, and its session stops working at once", async () => {
    const context = await e2e.browser.newContext();
    const email = `newcomer-${Date.now()}@example.com`;
    const page = await signInViaMailbox(context, e2e.server.url, email);
    await page.getByLabel(/Type .* to confirm/).fill("wrong@example.com");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByRole("alert").filter({ hasText: "nothing was deleted" }).waitFor();
    await page.getByLabel(/Type .* to confirm/).fill(email);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.waitForURL(`${e2e.server.url}/goodbye`);
    await page.getByRole("heading", { name: "Your account has been deleted" }).waitFor();
    // The header says so at once: signed out.
    await page.getByRole("banner").getByRole("link", { name: "Sign in" }).waitFor();
    expect(await page.getByRole("link", { name: "Account" }).count()).toBe(0);
    expect((await page.request.get(`${e2e.server.url}/api/v1/me/export`)).status()).toBe(401);
    const mailbox = await (await fetch(`${e2e.server.url}/dev/mailbox`)).text();
    expect(mailbox).not.toContain(email);
    await context.close();
  });

  it("lets an admin find a user and change their role; students are kept out of /admin", async () => {
    const student = await e2e.browser.newContext();
    const studentPage = await signInViaMailbox(student, e2e.server.url, "priya@example.com");
    await studentPage.goto(`${e2e.server.url}/admin/users`);
    await studentPage.waitForURL(/\/account\?denied=1/);
    await student.close();

    const context = await e2e.browser.newContext();
    const page = await signInViaMailbox(context, e2e.server.url, "admin@example.com");
    await page.goto(`${e2e.server.url}/admin/users?q=nia`);
    const row = page.getByRole("row").filter({ hasText: "nia@example.com" });
    const select = row.getByLabel(/Role of nia@example.com/);
    await select.selectOption("INSTRUCTOR");
    await row.getByRole("button", { name: "Change" }).click();
    await row.getByText("Role changed.").waitFor();
    // The control shows the role that was saved, not the one the page was first drawn with.
    await expect.poll(() => select.inputValue()).toBe("INSTRUCTOR");
    await page.waitForTimeout(300);
    expect(await select.inputValue()).toBe("INSTRUCTOR");
    expect(await row.getByRole("button", { name: "Change" }).isDisabled()).toBe(true);

    // Making someone an admin asks first; cancelling changes nothing.
    await select.selectOption("ADMIN");
    await row.getByRole("button", { name: "Change" }).click();
    const question = row.getByRole("group", { name: /Make nia@example.com an admin\?/ });
    await question.waitFor();
    expect(
      await row.getByRole("button", { name: "Make admin" }).evaluate((b) => b === document.activeElement),
    ).toBe(true);
    await row.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => select.inputValue()).toBe("INSTRUCTOR");
    await page.reload();
    const reloaded = page.getByRole("row").filter({ hasText: "nia@example.com" });
    expect(await reloaded.getByLabel(/Role of nia@example.com/).inputValue()).toBe("INSTRUCTOR");
    await reloaded.getByLabel(/Role of nia@example.com/).selectOption("ADMIN");
    await reloaded.getByRole("button", { name: "Change" }).click();
    await reloaded.getByRole("button", { name: "Make admin" }).click();
    await reloaded.getByText("Role changed.").waitFor();
    await expect.poll(() => reloaded.getByLabel(/Role of nia@example.com/).inputValue()).toBe("ADMIN");
    // A demotion needs no question.
    await reloaded.getByLabel(/Role of nia@example.com/).selectOption("STUDENT");
    await reloaded.getByRole("button", { name: "Change" }).click();
    await expect.poll(() => reloaded.getByLabel(/Role of nia@example.com/).inputValue()).toBe("STUDENT");
    await reloaded.getByRole("button", { name: "Change" }).waitFor();
    await page.goto(`${e2e.server.url}/admin/audit?entityType=user`);
    expect(await page.getByRole("cell", { name: "user.role_changed" }).count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("sign-in links", () => {
  it("are built from APP_URL even when the request's Host header is forged", async () => {
    const forged = { host: "evil.example" };
    const csrf = await rawRequest(`${e2e.server.url}/api/auth/csrf`, { headers: forged });
    const { csrfToken } = JSON.parse(csrf.body);
    const cookies = ([] as string[])
      .concat(csrf.headers["set-cookie"] ?? [])
      .map((c) => c.split(";")[0])
      .join("; ");
    const email = `forged-host-${Date.now()}@example.com`;
    const res = await rawRequest(`${e2e.server.url}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { ...forged, cookie: cookies, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: "https://evil.example/steal" }).toString(),
    });
    expect(res.status).toBeLessThan(400);
    expect(res.headers.location).toMatch(/\/signin\/check-email|verify-request/);
    const mailbox = (await (await fetch(`${e2e.server.url}/dev/mailbox`)).text()).replaceAll("&amp;", "&");
    const start = mailbox.indexOf(email);
    expect(start).toBeGreaterThan(-1);
    const link = /(https?:\/\/[^\s"<]+\/api\/auth\/callback\/nodemailer[^\s"<]*)/.exec(
      mailbox.slice(start),
    )?.[1];
    expect(link).toBeDefined();
    expect(link!.startsWith(`${e2e.server.url}/api/auth/callback/nodemailer`)).toBe(true);
    expect(decodeURIComponent(link!)).not.toContain("evil.example");
  });

  it("get __Secure-/__Host- cookies marked Secure when APP_URL is https", async () => {
    const secure = await startServer({ APP_URL: "https://learn.example.test" });
    try {
      const res = await rawRequest(`${secure.url}/api/auth/csrf`, {});
      const setCookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
      const csrfCookie = setCookie.find((c) => c.includes("authjs.csrf-token"))!;
      expect(csrfCookie).toMatch(/^__Host-authjs\.csrf-token=/);
      expect(csrfCookie).toMatch(/; Secure/i);
      expect(csrfCookie).toMatch(/HttpOnly/i);
      expect(csrfCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie.find((c) => c.includes("callback-url"))).toMatch(
        /^__Secure-authjs\.callback-url=.*; Secure/i,
      );
    } finally {
      await secure.stop();
    }
  });
});

describe("the account's loose ends (issue 21, item 19)", () => {
  it("returns a learner to the page they signed in from (else My learning), and asks before signing a device out", async () => {
    const url = e2e.server.url;
    const visitor = await e2e.browser.newContext();
    const page = await visitor.newPage();
    // No page to return to: "My learning".
    await page.goto(`${url}/signin`);
    expect(await page.locator('input[name="callbackUrl"]').first().inputValue()).toBe("/dashboard");
    // From a course page, the header's Sign in comes back to it.
    await page.goto(`${url}/courses/ai-foundations`);
    await page.getByRole("banner").getByRole("link", { name: "Sign in" }).first().click();
    await page.waitForURL(/\/signin\?callbackUrl=%2Fcourses%2Fai-foundations$/);
    await page.getByLabel("E-mail address").fill("lucia@example.com");
    await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your e-mail" }).waitFor();
    await page.goto(`${url}/dev/mailbox`);
    await page
      .getByRole("article", { name: /to lucia@example\.com/ })
      .first()
      .getByRole("link", { name: "Open the link in this message" })
      .click();
    await page.waitForURL(`${url}/courses/ai-foundations`);

    // A second device; signing it out from the first asks first, names it with its address, and says it is done.
    const other = await e2e.browser.newContext();
    await signInViaMailbox(other, url, "lucia@example.com");
    await page.goto(`${url}/account`);
    const row = page
      .getByRole("listitem")
      .filter({ hasText: /last seen .* · from \S+/ })
      .filter({ hasNotText: "this device" });
    await row.first().getByText("Sign out…").click();
    await row
      .first()
      .getByText(/It will have to sign in again/)
      .waitFor();
    await row.first().getByRole("button", { name: "Yes, sign it out" }).click();
    await page.getByRole("status").filter({ hasText: "Signed out on that device" }).waitFor();
    expect((await other.pages()[0]!.request.get(`${url}/api/v1/me/sessions`)).status()).toBe(401);
    await other.close();
    await visitor.close();
  });
});
