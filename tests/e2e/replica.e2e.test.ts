import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrlFor } from "../helpers/pg-urls";
import { expectEnrollmentShownWithinASecond, metricSum } from "./helpers/page-cache";
import { createPgCluster, type PgCluster } from "./helpers/pg-cluster";
import { startServer, type RunningServer } from "./helpers/server";

/**
 * Issue 20, "Read replicas": a PostgreSQL 15 primary and a streaming replica of it (pg_basebackup), both the
 * test's own clusters on loopback, with DATABASE_REPLICA_URL set. Lag-tolerant reads go to the replica
 * (counted); a writer reads their own write while the replica has not replayed it (its replay is paused, so
 * the replica is seen to lag); a page-cache refill reads the primary; with the replica stopped, reads fall
 * back to the primary without a 5xx. Runs in the PostgreSQL pass (DATABASE_URL set).
 */
const METRICS_TOKEN = "replica-metrics-token-0123456789abcdef";
const STUDENT = "nia@example.com";
const COURSE = "ai-foundations";

describe.skipIf(!process.env.DATABASE_URL)("a read replica", () => {
  let primary: PgCluster;
  let replica: PgCluster | undefined;
  let server: RunningServer;
  let primaryDb: pg.Client;
  let replicaDb: pg.Client;

  beforeAll(async () => {
    primary = await createPgCluster();
    const admin = new pg.Client({ connectionString: primary.url });
    await admin.connect();
    await admin.query("CREATE DATABASE aiw");
    await admin.end();
    // The replica is made before the platform migrates and seeds the primary: all of that streams to it.
    replica = await createPgCluster({ replicaOf: primary });
    server = await startServer({
      APP_MODE: "demo",
      DATABASE_URL: databaseUrlFor(primary.url, "aiw"),
      DATABASE_REPLICA_URL: databaseUrlFor(replica.url, "aiw"),
      METRICS_TOKEN,
    });
    primaryDb = new pg.Client({ connectionString: databaseUrlFor(primary.url, "aiw") });
    replicaDb = new pg.Client({ connectionString: databaseUrlFor(replica.url, "aiw") });
    // The last test stops the replica under this connection: that is expected, not an error of the run.
    replicaDb.on("error", () => {});
    await Promise.all([primaryDb.connect(), replicaDb.connect()]);
    // The replica has replayed everything the primary wrote so far (the demo data).
    const { rows } = await primaryDb.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
    await until(async () => {
      const r = await replicaDb.query<{ ok: boolean }>(
        "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok",
        [rows[0]!.lsn],
      );
      return r.rows[0]!.ok;
    });
  }, 180_000);

  afterAll(async () => {
    await replicaDb?.end().catch(() => {});
    await primaryDb?.end().catch(() => {});
    await server?.stop();
    replica?.destroy();
    primary?.destroy();
  });

  const reads = (target: "replica" | "primary") =>
    metricSum(
      server.url,
      METRICS_TOKEN,
      new RegExp(`^aiw_db_routed_reads_total\\{target="${target}"\\} (\\d+)`),
    );
  const enrollmentCount = async (cookie?: string) => {
    const res = await fetch(`${server.url}/api/v1/courses/${COURSE}`, {
      headers: cookie ? { cookie } : {},
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { enrollmentCount: number }).enrollmentCount;
  };

  it("sends the catalog, course and certificate reads to the replica, and counts them", async () => {
    const before = await reads("replica");
    for (const path of [
      "/api/v1/courses",
      `/api/v1/courses/${COURSE}`,
      `/api/v1/courses/${COURSE}/reviews`,
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
    }
    expect((await fetch(`${server.url}/api/v1/certificates/AIW-NO-SUCH-ONE`)).status).toBe(404);
    expect(await reads("replica")).toBeGreaterThanOrEqual(before + 4);
  });

  it("lets a writer read their own write while the replica lags, and refills the page cache from the primary", async () => {
    const session = randomBytes(32).toString("base64url");
    await primaryDb.query(
      `INSERT INTO sessions (session_token, user_id, expires)
       SELECT $1, id, now() + interval '1 day' FROM users WHERE email = $2`,
      [session, STUDENT],
    );
    const sessionCookie = `authjs.session-token=${session}`;
    const count = await enrollmentCount();
    // The replica stops replaying what the primary writes (it keeps answering, from the past).
    await replicaDb.query("SELECT pg_wal_replay_pause()");
    try {
      let writeCookie = "";
      await expectEnrollmentShownWithinASecond(`${server.url}/courses/${COURSE}`, async () => {
        const res = await fetch(`${server.url}/api/v1/courses/${COURSE}/enrollment`, {
          method: "POST",
          headers: { cookie: sessionCookie, origin: server.url },
        });
        expect(res.status).toBe(201);
        const set = res.headers.get("set-cookie") ?? "";
        expect(set).toMatch(/^aiw_wpos=[0-9A-F]+%2F[0-9A-F]+; Path=\/; Max-Age=60; HttpOnly; SameSite=Lax/);
        writeCookie = set.split(";")[0]!;
      });
      // The writer, with the write's position, reads it (from the primary) …
      expect(await enrollmentCount(`${sessionCookie}; ${writeCookie}`)).toBe(count + 1);
      // … while anyone else reads the replica, which has not replayed it.
      expect(await enrollmentCount()).toBe(count);
    } finally {
      await replicaDb.query("SELECT pg_wal_replay_resume()");
    }
    await until(async () => (await enrollmentCount()) === count + 1);
  });

  it("reads from the primary, with no 5xx, while the replica is stopped, and from the replica again after", async () => {
    replica!.stop("immediate");
    const primaryBefore = await reads("primary");
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      for (const path of ["/api/v1/courses", `/api/v1/courses/${COURSE}`, "/courses?sort=newest"]) {
        statuses.push((await fetch(`${server.url}${path}`)).status);
      }
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(await reads("primary")).toBeGreaterThanOrEqual(primaryBefore + 20);

    replica!.start();
    const replicaBefore = await reads("replica");
    await until(async () => {
      expect((await fetch(`${server.url}/api/v1/courses`)).status).toBe(200);
      return (await reads("replica")) > replicaBefore;
    }, 20_000);
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
