/**
 * `npm run screenshots`: the six journeys of the experience issue (newcomer, buying, reviewing and moderating,
 * authoring, admin, account), each page at a desktop and a phone width, as PNG files under `screenshots/`
 * (git-ignored), for a person to look at. It serves the current production build (`npm run build` first) on
 * a fresh embedded database with the demo data, signs in through the demo mailbox, and stops by itself.
 */
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { ROOT, buildIsCurrent } from "./build-state";
import { launchBrowser } from "../tests/e2e/helpers/browser";
import { signInViaMailbox } from "../tests/e2e/helpers/auth";
import { startServer } from "../tests/e2e/helpers/server";

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
type Step = { name: string; path: string | ((page: Page, url: string) => Promise<string>) };
const JOURNEYS: { name: string; as: string | null; steps: Step[] }[] = [
  {
    name: "1-newcomer",
    as: null,
    steps: [
      { name: "home", path: "/" },
      { name: "catalog", path: "/courses" },
      { name: "course", path: "/courses/ai-foundations" },
      { name: "certificate", path: "/certificates/AIW-2026-0000-0000-0000" },
    ],
  },
  {
    name: "2-learner",
    as: "sam@example.com",
    steps: [
      { name: "dashboard", path: "/dashboard" },
      {
        name: "lesson",
        path: async (page, url) => {
          await page.goto(`${url}/dashboard`);
          return (await page
            .getByRole("link", { name: /Continue/ })
            .first()
            .getAttribute("href"))!;
        },
      },
      { name: "paid-course", path: "/courses/machine-learning-with-python" },
    ],
  },
  {
    name: "3-reviewing",
    as: "ada@example.com",
    steps: [
      { name: "teach", path: "/instructor" },
      { name: "review-queue", path: "/instructor/reviews" },
      {
        name: "review",
        path: async (page, url) => {
          await page.goto(`${url}/instructor/reviews`);
          return (await page.getByRole("link", { name: /Mateo/ }).first().getAttribute("href"))!;
        },
      },
    ],
  },
  {
    name: "4-authoring",
    as: "ada@example.com",
    steps: [
      {
        name: "course-editor",
        path: async (page, url) => {
          await page.goto(`${url}/instructor`);
          return (await page
            .getByRole("link", { name: /Prompt Engineering/ })
            .first()
            .getAttribute("href"))!;
        },
      },
    ],
  },
  {
    name: "5-admin",
    as: "admin@example.com",
    steps: [
      { name: "overview", path: "/admin" },
      { name: "users", path: "/admin/users" },
      { name: "payments", path: "/admin/payments" },
      { name: "reviews", path: "/admin/reviews" },
      { name: "audit", path: "/admin/audit" },
    ],
  },
  { name: "6-account", as: "maya@example.com", steps: [{ name: "account", path: "/account" }] },
];

async function main() {
  if (!buildIsCurrent()) {
    console.error("The production build is missing or older than the sources: run `npm run build` first.");
    process.exit(1);
  }
  const out = path.join(ROOT, "screenshots");
  fs.mkdirSync(out, { recursive: true });
  const server = await startServer({ APP_MODE: "demo" });
  const browser = await launchBrowser();
  let taken = 0;
  try {
    for (const journey of JOURNEYS) {
      for (const [label, viewport] of Object.entries(WIDTHS)) {
        const context: BrowserContext = await browser.newContext({ viewport });
        const page = journey.as
          ? await signInViaMailbox(context, server.url, journey.as)
          : await context.newPage();
        for (const step of journey.steps) {
          const target = typeof step.path === "string" ? step.path : await step.path(page, server.url);
          await page.goto(`${server.url}${target}`, { waitUntil: "networkidle" });
          const file = path.join(out, `${journey.name}-${step.name}-${label}.png`);
          await page.screenshot({ path: file, fullPage: true });
          taken++;
          console.log(`${path.relative(ROOT, file)}  (${target})`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`${taken} screenshots in ${path.relative(ROOT, out)}/`);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
