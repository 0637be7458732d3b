import { describe, expect, it } from "vitest";
import { setupE2e } from "./helpers/setup";

const e2e = setupE2e({ browser: false });

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

/** Signs in over HTTP: a link through Auth.js's route, read from the demo mailbox, then opened. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${e2e.server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await fetch(`${e2e.server.url}/api/auth/signin/nodemailer`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookiesOf(csrf), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: "/account" }).toString(),
  });
  const mailbox = (await (await fetch(`${e2e.server.url}/dev/mailbox`)).text()).replaceAll("&amp;", "&");
  const link = /(http:\/\/[^\s"<]+\/api\/auth\/callback\/nodemailer[^\s"<]*)/.exec(
    mailbox.slice(mailbox.indexOf(email)),
  )?.[1];
  expect(link).toBeDefined();
  const opened = await fetch(link!, { redirect: "manual" });
  const session = cookiesOf(opened);
  expect(session).toMatch(/authjs\.session-token=/);
  return session;
}

describe("return paths for a signed-in visitor", () => {
  it("never redirect off the platform and never answer 500, whatever callbackUrl holds", async () => {
    const cookie = await signIn("maya@example.com");
    const origin = new URL(e2e.server.url).origin;
    for (const callbackUrl of [
      "/%09/evil.example",
      "/%0a/evil.example",
      "/%0d/evil.example",
      "/%0d%0a/evil.example",
      "/%E3%80%80/evil.example",
      "/.//evil.example",
      "%2F%2Fevil.example",
      "https://evil.example/",
    ]) {
      const res = await fetch(`${e2e.server.url}/signin?callbackUrl=${callbackUrl}`, {
        headers: { cookie },
        redirect: "manual",
      });
      expect(res.status, callbackUrl).toBeLessThan(500);
      expect(res.status, callbackUrl).toBeGreaterThanOrEqual(300);
      const location = res.headers.get("location") ?? "";
      expect(location, callbackUrl).not.toMatch(/[\u0000-\u0020\u007f-\uffff]/);
      expect(new URL(location, e2e.server.url).origin, `${callbackUrl} → ${location}`).toBe(origin);
      expect(location, callbackUrl).not.toMatch(/^\/\//);
    }
    const home = await fetch(`${e2e.server.url}/signin?callbackUrl=/courses%3Fq%3Dprompt`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(home.headers.get("location")).toMatch(/^(http:\/\/localhost:\d+)?\/courses\?q=prompt$/);
  });
});
