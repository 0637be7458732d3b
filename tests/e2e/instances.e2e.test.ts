import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEarlyInWindow } from "../helpers/rate-window";
import { signInViaMailbox } from "./helpers/auth";
import { launchBrowser } from "./helpers/browser";
import { expectEnrollmentShownWithinASecond, metricSum } from "./helpers/page-cache";
import { startServer, type RunningServer } from "./helpers/server";
import { startE2eServer } from "./helpers/setup";

/**
 * Two app instances on different ports against one PostgreSQL database, sharing nothing else (issue 20,
 * "Several instances"): sessions, the page cache's invalidation, rate limits, scheduled jobs and webhook
 * deliveries must all hold across them. PostgreSQL only: the embedded database is one process's.
 */
const METRICS_TOKEN = "two-instances-metrics-token-0123456789";
const shared = {
  // Settings every instance of a deployment shares (in demo mode each would otherwise generate its own).
  AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  WEBHOOK_SECRET_KEY: crypto.randomBytes(32).toString("base64url"),
  METRICS_TOKEN,
};
const JOB_LOCKS = { cleanup: 727275, reconcile: 727276, "module-releases": 727277 };

describe.runIf(Boolean(process.env.DATABASE_URL))("two app instances on one database", () => {
  let a: RunningServer & { databaseUrl?: string };
  let b: RunningServer;
  let browser: Browser;
  let jobLocks: pg.Client;

  beforeAll(async () => {
    a = await startE2eServer(shared);
    // Another instance runs the scheduled jobs right now: it holds their locks while B starts.
    jobLocks = new pg.Client({ connectionString: a.databaseUrl });
    await jobLocks.connect();
    for (const key of Object.values(JOB_LOCKS)) await jobLocks.query("SELECT pg_advisory_lock($1)", [key]);
    b = await startServer({ APP_MODE: "demo", DATABASE_URL: a.databaseUrl!, ...shared });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await jobLocks?.end();
    await b?.stop();
    await a?.stop();
  });

  const metric = (server: RunningServer, pattern: RegExp) => metricSum(server.url, METRICS_TOKEN, pattern);

  it("a session made on one instance works on the other", async () => {
    const context = await browser.newContext();
    const page = await signInViaMailbox(context, a.url, "admin@example.com");
    const res = await page.goto(`${b.url}/admin/webhooks`);
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${b.url}/admin/webhooks`);
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    await context.close();
  });

  it("an enrollment through one instance shows on the other's cached page within a second", async () => {
    const context = await browser.newContext();
    const page = await signInViaMailbox(context, a.url, "nia@example.com");
    await expectEnrollmentShownWithinASecond(`${b.url}/courses/ai-foundations`, async () => {
      const enrolled = await page.request.post(`${a.url}/api/v1/courses/ai-foundations/enrollment`, {
        headers: { origin: a.url },
      });
      expect(enrolled.status()).toBe(201);
    });
    await context.close();
  });

  it("a rate limit counts the requests of both instances", async () => {
    await startEarlyInWindow(60, 30);
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const server = i % 2 === 0 ? a : b;
      statuses.push((await fetch(`${server.url}/api/v1/certificates/AIW-NO-SUCH-${i}`)).status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it("a scheduled job does not run on an instance while another holds it", async () => {
    // B's jobs are due 10 s after it started; each finds its lock taken and skips.
    const deadline = Date.now() + 40_000;
    let skipped = 0;
    while (Date.now() < deadline) {
      skipped = await metric(b, /^aiw_job_runs_total\{job="[^"]+",outcome="skipped"\} (\d+)/);
      if (skipped >= 3) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(skipped).toBeGreaterThanOrEqual(3);
    expect(await metric(b, /^aiw_job_runs_total\{job="[^"]+",outcome="ran"\} (\d+)/)).toBe(0);
  }, 60_000);

  it("delivers each webhook event once, whichever instance queued it and both workers running", async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        received.push(String(req.headers["webhook-id"]));
        setTimeout(() => res.writeHead(204).end(), 50);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const context = await browser.newContext();
    try {
      await signInViaMailbox(context, a.url, "admin@example.com");
      const made = await context.request.post(`${a.url}/api/v1/me/tokens`, {
        data: { name: "instances", scopes: ["admin"] },
        headers: { origin: a.url },
      });
      expect(made.status()).toBe(201);
      const auth = {
        authorization: `Bearer ${(await made.json()).secret}`,
        "content-type": "application/json",
      };
      const endpoint = await fetch(`${a.url}/api/v1/admin/webhooks`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
          events: ["user.deleted"],
        }),
      });
      expect(endpoint.status).toBe(201);
      const { id } = (await endpoint.json()).endpoint;
      const count = 30;
      const queued = await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const res = await fetch(`${(i % 2 === 0 ? a : b).url}/api/v1/admin/webhooks/${id}/test`, {
            method: "POST",
            headers: auth,
          });
          expect(res.status).toBe(202);
          return (await res.json()).eventId as string;
        }),
      );
      const deadline = Date.now() + 30_000;
      while (new Set(received).size < count && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 3000)); // time for a duplicate to show up, if there were one
      expect(new Set(received)).toEqual(new Set(queued));
      expect(received).toHaveLength(count);
      const attempts = async (s: RunningServer) =>
        metric(s, /^aiw_webhook_attempts_total\{outcome="[^"]+"\} (\d+)/);
      expect((await attempts(a)) + (await attempts(b))).toBe(count);
    } finally {
      await context.close();
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  }, 90_000);
});
