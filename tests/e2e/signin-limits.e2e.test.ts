import { describe, expect, it } from "vitest";
import { requestLink } from "./helpers/auth";
import { setupE2e } from "./helpers/setup";

/** Low limits keep the file fast; the per-client limit sits above the per-address one so each is seen alone. */
const PER_ADDRESS = 3;
const PER_CLIENT = 6;

const e2e = setupE2e({
  env: {
    RATE_LIMIT_SIGNIN_PER_ADDRESS: String(PER_ADDRESS),
    RATE_LIMIT_SIGNIN_PER_CLIENT: String(PER_CLIENT),
    // As behind one reverse proxy: the last X-Forwarded-For entry is the client, so each test can be its own.
    TRUST_PROXY_HOPS: "1",
  },
});

/** Every message the demo mailbox holds for `email` (following its pages). */
async function mailsTo(email: string): Promise<number> {
  let count = 0;
  let path: string | undefined = "/dev/mailbox";
  while (path) {
    const html: string = (await (await fetch(`${e2e.server.url}${path}`)).text()).replaceAll("&amp;", "&");
    count += html.split(` to ${email}"`).length - 1;
    path = /href="(\/dev\/mailbox\?cursor=[^"]+)"/.exec(html)?.[1];
  }
  return count;
}

/** Auth.js's own e-mail sign-in route, the way a script calls it: CSRF token and cookie, then the POST. */
async function postSignIn(email: string, clientAddress: string) {
  const csrf = await fetch(`${e2e.server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return fetch(`${e2e.server.url}/api/auth/signin/nodemailer`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie,
      "content-type": "application/x-www-form-urlencoded",
      // The entry the (trusted) proxy would have appended: one client address per test keeps them apart.
      "x-forwarded-for": clientAddress,
    },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: "/account" }).toString(),
  });
}

describe("sign-in link limits", () => {
  it("send at most RATE_LIMIT_SIGNIN_PER_ADDRESS mails to one address through Auth.js's own route", async () => {
    const email = `flood-${Date.now()}@example.com`;
    const locations: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await postSignIn(email, "198.51.100.10");
      expect(res.status).toBe(302);
      locations.push(res.headers.get("location") ?? "");
    }
    expect(await mailsTo(email)).toBe(PER_ADDRESS);
    for (const sent of locations.slice(0, PER_ADDRESS))
      expect(sent).toMatch(/\/signin\/check-email|verify-request/);
    const refused = locations.at(-1)!;
    expect(new URL(refused, e2e.server.url).origin).toBe(e2e.server.url);
    expect(refused).toContain("/signin/error?error=RateLimited");
    const page = await (await fetch(new URL(refused, e2e.server.url))).text();
    expect(page).toContain("Too many sign-in attempts");
  });

  it("send at most RATE_LIMIT_SIGNIN_PER_CLIENT mails from one client across many addresses", async () => {
    const emails = Array.from({ length: 12 }, (_, i) => `spray-${i}-${Date.now()}@example.com`);
    for (const email of emails) await postSignIn(email, "198.51.100.20");
    let total = 0;
    for (const email of emails) total += await mailsTo(email);
    expect(total).toBe(PER_CLIENT);
  });

  it("count a request from the sign-in form once, and say so in the form when it is refused", async () => {
    const email = `form-${Date.now()}@example.com`;
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    for (let i = 0; i < PER_ADDRESS; i++) await requestLink(page, e2e.server.url, email);
    expect(await mailsTo(email)).toBe(PER_ADDRESS);
    await page.goto(`${e2e.server.url}/signin`);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Too many" }).textContent()).resolves.toMatch(
      /Too many sign-in attempts/,
    );
    expect(await mailsTo(email)).toBe(PER_ADDRESS);
    await context.close();
  });
});
