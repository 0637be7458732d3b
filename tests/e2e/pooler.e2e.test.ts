import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInViaMailbox } from "./helpers/auth";
import { launchBrowser } from "./helpers/browser";
import { expectEnrollmentShownWithinASecond, metricSum } from "./helpers/page-cache";
import { startPgBouncer, type Pooler } from "./helpers/pgbouncer";
import type { RunningServer } from "./helpers/server";
import { startE2eServer } from "./helpers/setup";

/**
 * The platform behind PgBouncer in transaction mode (issue 20, "Connection pooler"; docs/operations.md):
 * every query goes through the pooler, which hands each transaction any server connection, so nothing may
 * rely on session state there. Advisory locks and LISTEN use DATABASE_DIRECT_URL; named prepared statements
 * are off (PgBouncer 1.18 cannot carry them). PostgreSQL only.
 */
const METRICS_TOKEN = "pooler-metrics-token-0123456789-abcdef";

describe.runIf(Boolean(process.env.DATABASE_URL))("behind PgBouncer in transaction mode", () => {
  let pooler: Pooler;
  let server: RunningServer & { databaseUrl?: string };
  let browser: Browser;

  beforeAll(async () => {
    const direct = new URL(process.env.DATABASE_URL!);
    pooler = await startPgBouncer({ host: direct.hostname, port: Number(direct.port || 5432) });
    server = await startE2eServer(
      { METRICS_TOKEN },
      {
        fromDatabase: (db) => ({
          DATABASE_URL: pooler.through(db.DATABASE_URL!),
          DATABASE_DIRECT_URL: db.DATABASE_URL!,
        }),
      },
    );
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await pooler?.stop();
  });

  it("serves pages and the API, and runs transactions, through the pooler", async () => {
    // Many requests at once: each transaction may land on any server connection.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(
          `${server.url}${["/api/v1/courses/ai-foundations", "/api/v1/courses", "/courses/ai-foundations", "/"][i % 4]}`,
        ).then((r) => r.status),
      ),
    );
    expect(answers.every((s) => s === 200)).toBe(true);

    const context = await browser.newContext();
    const page = await signInViaMailbox(context, server.url, "nia@example.com");
    // LISTEN runs on the direct connection: the cached page shows the enrollment within a second.
    await expectEnrollmentShownWithinASecond(`${server.url}/courses/ai-foundations`, async () => {
      const enrolled = await page.request.post(`${server.url}/api/v1/courses/ai-foundations/enrollment`, {
        headers: { origin: server.url },
      });
      expect(enrolled.status()).toBe(201);
    });
    const course = await (await fetch(`${server.url}/api/v1/courses/ai-foundations`)).json();
    const lessons = course.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons);
    const puts = await Promise.all(
      lessons.slice(0, 6).map((l: { id: string }) =>
        page.request.put(`${server.url}/api/v1/lessons/${l.id}/progress`, {
          data: { timeSpentSeconds: 30 },
          headers: { origin: server.url },
        }),
      ),
    );
    expect(puts.map((p) => p.status()).every((s) => s === 200)).toBe(true);

    await context.close();
  });

  it("takes the jobs' advisory locks on the direct connection and leaves none behind in the pooler", async () => {
    const metric = (pattern: RegExp) => metricSum(server.url, METRICS_TOKEN, pattern);
    // The jobs run 10 s after start-up.
    const deadline = Date.now() + 40_000;
    while ((await metric(/^aiw_job_runs_total\{job="[^"]+",outcome="ran"\} (\d+)/)) < 3) {
      if (Date.now() > deadline) throw new Error(`the jobs did not run:\n${server.logs()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const c = new pg.Client({ connectionString: server.databaseUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      );
      expect(rows[0]!.n).toBe(0);
      // The content listener's session is a direct one (PgBouncer's own connections never LISTEN).
      const listeners = await c.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
      );
      expect(listeners.rows[0]!.n).toBeGreaterThanOrEqual(1);
    } finally {
      await c.end();
    }
    expect(server.logs()).not.toMatch(/prepared statement .* does not exist|"level":"error"/);
  }, 60_000);
});
