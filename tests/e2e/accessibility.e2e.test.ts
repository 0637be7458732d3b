import { createRequire } from "node:module";
import fs from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInViaMailbox } from "./helpers/auth";
import { setupE2e } from "./helpers/setup";

/**
 * axe-core (the engine behind the browsers' accessibility checkers) on the pages of the six journeys, at a
 * desktop and a phone width: WCAG 2.x A and AA rules. axe runs through the DevTools protocol
 * (page.evaluate), which the pages' Content-Security-Policy does not govern, so nothing is loosened for it.
 */
const e2e = setupE2e();
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations;
  });
  return (found as Violation[]).map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

const PUBLIC_PAGES = [
  "/",
  "/courses",
  "/courses/ai-foundations",
  "/privacy",
  "/signin",
  "/developers/api",
  "/status",
];

describe("accessibility (axe)", () => {
  it("finds nothing on the public pages, on a desktop and a phone", async () => {
    const problems: string[] = [];
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const page = await e2e.browser.newPage({ viewport });
      for (const path of PUBLIC_PAGES) {
        await page.goto(`${e2e.server.url}${path}`);
        for (const v of await violations(page)) problems.push(`${path} @${viewport.width}: ${v}`);
      }
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it("finds nothing on a learner's pages, a certificate with its check, an instructor's and an admin's", async () => {
    const problems: string[] = [];
    const check = async (page: Page, label: string) => {
      for (const v of await violations(page)) problems.push(`${label}: ${v}`);
    };
    const learner = await e2e.browser.newContext();
    const maya = await signInViaMailbox(learner, e2e.server.url, "maya@example.com");
    for (const path of ["/dashboard", "/account", "/courses/prompt-engineering"]) {
      await maya.goto(`${e2e.server.url}${path}`);
      await check(maya, path);
    }
    const mine = await (await maya.request.get(`${e2e.server.url}/api/v1/me/certificates`)).json();
    const number: string = mine.items[0].certificateNumber;
    await maya.goto(`${e2e.server.url}/certificates/${number}`);
    await check(maya, "certificate");
    // The verification result, as shown after a check.
    const credential = await (
      await fetch(`${e2e.server.url}/api/v1/certificates/${number}/credential`)
    ).text();
    await maya.getByLabel("Credential file (.json)").setInputFiles({
      name: "credential.json",
      mimeType: "application/json",
      buffer: Buffer.from(credential),
    });
    await maya.getByRole("button", { name: "Verify" }).click();
    await maya.getByText("Valid credential").waitFor();
    await check(maya, "certificate with a verified file");
    await learner.close();

    const teaching = await e2e.browser.newContext();
    const ada = await signInViaMailbox(teaching, e2e.server.url, "ada@example.com");
    await ada.goto(`${e2e.server.url}/instructor`);
    await check(ada, "/instructor");
    await ada.goto(`${e2e.server.url}/instructor/courses/new`);
    await check(ada, "/instructor/courses/new");
    await teaching.close();

    const running = await e2e.browser.newContext();
    const admin = await signInViaMailbox(running, e2e.server.url, "admin@example.com");
    for (const path of [
      "/admin/users",
      "/admin/reviews",
      "/admin/reviews?view=handled",
      "/admin/payments",
      "/admin/webhooks",
    ]) {
      await admin.goto(`${e2e.server.url}${path}`);
      await check(admin, path);
    }
    await running.close();
    expect(problems).toEqual([]);
  });
});
