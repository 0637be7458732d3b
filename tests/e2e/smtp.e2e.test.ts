import { spawnSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/build-state";
import { onPostgres } from "../helpers/db";
import { requestLink } from "./helpers/auth";
import { launchBrowser } from "./helpers/browser";
import { setupE2e } from "./helpers/setup";

interface Received {
  to: string;
  subject: string;
  text: string;
  html: string;
}

let smtp: SMTPServer;
const inbox: Received[] = [];
let mail: Record<string, string>;

beforeAll(async () => {
  // A real SMTP server on loopback: the platform's production mail path (Nodemailer over SMTP) is exercised.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(","),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  mail = { EMAIL_SERVER: `smtp://127.0.0.1:${port}`, EMAIL_FROM: "AI Whisperers <learn@example.test>" };
});
// Registered first, so it runs last: the server stops before the SMTP server closes.
afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

const e2e = setupE2e({
  browser: false,
  env: (database) => {
    if (!onPostgres) return mail;
    // The PostgreSQL pass runs the real production configuration: migrations as a deploy step, then serve.
    const migrate = spawnSync("npm", ["run", "-s", "db:migrate"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.DATABASE_URL },
      encoding: "utf8",
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    return {
      ...mail,
      APP_MODE: "production",
      DATABASE_URL: database.DATABASE_URL!,
      AUTH_SECRET: "smtp-e2e-secret-smtp-e2e-secret-smtp-e2e",
      CERTIFICATE_SIGNING_KEY: "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=",
    };
  },
});

describe(`e-mail sign-in over SMTP (${onPostgres ? "production mode on PostgreSQL" : "demo mode with SMTP"})`, () => {
  it("mails a proper HTML and text message whose link signs the person in", async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const email = `smtp-${Date.now()}@example.com`;
      await requestLink(page, e2e.server.url, email);
      for (let i = 0; i < 50 && !inbox.some((m) => m.to === email); i++)
        await new Promise((r) => setTimeout(r, 100));
      const message = inbox.find((m) => m.to === email);
      expect(message).toBeDefined();
      expect(message!.subject).toBe("Your sign-in link for AI Whisperers");
      expect(message!.text).toMatch(/expires in 15 minutes/);
      expect(message!.html).toContain("AI Whisperers");
      const link = /(http:\/\/\S+\/api\/auth\/callback\/nodemailer\S*)/.exec(message!.text)![1]!;
      expect(link.startsWith(e2e.server.url)).toBe(true);
      await page.goto(link);
      await page.waitForURL(`${e2e.server.url}/account`);
      expect(await page.getByText(email).first().isVisible()).toBe(true);
      // No demo outbox exists to leak into: the mailbox is not part of this instance.
      if (onPostgres) expect((await fetch(`${e2e.server.url}/dev/mailbox`)).status).toBe(404);
    } finally {
      await browser.close();
    }
  });
});
