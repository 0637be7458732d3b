import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Actor } from "../accounts/actor";
import { isDatabaseUnreachable } from "../errors";
import { handleApiRequest, type ExecuteDeps } from "../http/execute";
import { defineOperation } from "../http/operation";
import { openPostgres, type Database, type Db } from "./client";
import { isRetryableTransactionError, lastDatabaseFaultAt } from "./faults";
import { queryRows } from "./rows";

const APP = "http://localhost:3000";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const pingOp = defineOperation({
  operationId: "ping",
  method: "GET",
  path: "/api/v1/ping",
  summary: "Test operation: one query",
  tags: ["test"],
  auth: "public",
  responses: { 200: { description: "ok" } },
  handler: async (_input, { db }) => {
    await db.execute(sql`SELECT 1`);
    return { ok: true };
  },
});
const meOp = defineOperation({
  operationId: "me",
  method: "GET",
  path: "/api/v1/me-test",
  summary: "Test operation: needs a user",
  tags: ["test"],
  auth: "user",
  responses: { 200: { description: "ok" } },
  handler: async () => ({ ok: true }),
});

async function get(path: string, deps: Partial<ExecuteDeps> & { db: () => Promise<Db> }, cookie?: string) {
  const started = Date.now();
  const out = await handleApiRequest(
    [pingOp, meOp],
    {
      method: "GET",
      url: path,
      header: (name) => (name === "cookie" ? (cookie ?? null) : null),
      text: async () => "",
      info: { requestId: "test", ip: "127.0.0.1", userAgent: "vitest", header: () => null },
    },
    { actor: async () => null, appUrl: APP, ...deps },
  );
  return {
    status: out.status,
    headers: out.headers,
    body: JSON.parse(String(out.body)) as { error?: { code: string; message: string } },
    ms: Date.now() - started,
  };
}

describe("database faults (connection level)", () => {
  let dead: Database;
  beforeAll(async () => {
    // A port nobody listens on: every connection attempt is refused, like a stopped database.
    dead = openPostgres(`postgresql://postgres@127.0.0.1:${await freePort()}/none`, 2);
  });
  afterAll(() => dead.close());

  it("classifies a refused connection as the database being unreachable", async () => {
    const error = await dead.db.execute(sql`SELECT 1`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeTruthy();
    expect(isDatabaseUnreachable(error)).toBe(true);
    expect(isDatabaseUnreachable(new Error("duplicate key"))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error("x"), { code: "23505" }))).toBe(false);
    for (const code of ["08006", "08001", "57P01", "57P02", "57P03", "53300"]) {
      const wrapped = new Error("Failed query", { cause: Object.assign(new Error("pg"), { code }) });
      expect(isDatabaseUnreachable(wrapped), code).toBe(true);
    }
    expect(isDatabaseUnreachable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnreachable(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("answers 503 UNAVAILABLE with Retry-After, quickly, when the database refuses connections", async () => {
    const res = await get("/api/v1/ping", { db: async () => dead.db });
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.body.error).toEqual({
      code: "UNAVAILABLE",
      message: "The service is briefly unavailable. Please try again in a few seconds.",
      requestId: "test",
    });
    expect(res.ms).toBeLessThan(2000);
  });

  it("answers 503, not 401, when the session could not be looked up during a database fault", async () => {
    // Auth.js swallows a failed session lookup and reports nobody signed in; the executor knows better.
    const swallowing = async (): Promise<Actor | null> => {
      await dead.db.execute(sql`SELECT 1`).catch(() => undefined);
      return null;
    };
    const withCookie = await get(
      "/api/v1/me-test",
      { db: async () => dead.db, actor: swallowing },
      "authjs.session-token=abc",
    );
    expect(withCookie.status).toBe(503);
    expect(withCookie.body.error?.code).toBe("UNAVAILABLE");
    expect(lastDatabaseFaultAt()).toBeGreaterThan(0);
    // Without a session cookie nobody was signed in anyway.
    const anonymous = await get("/api/v1/me-test", { db: async () => dead.db, actor: swallowing });
    expect(anonymous.status).toBe(401);
  });
});

describe.skipIf(!onPostgres)("database faults on PostgreSQL", () => {
  let database: Database & { url?: string };
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 4 });
    await database.db.execute(sql`CREATE TABLE fault_rows (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)`);
    await database.db.execute(sql`INSERT INTO fault_rows (id) VALUES (1), (2)`);
  });
  afterAll(() => database.close());

  /** Two transactions locking rows 1 and 2 in opposite order: PostgreSQL aborts one with 40P01. */
  async function deadlock(db: Db) {
    let runs = 0;
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((r) => (release = r));
    const lockInOrder = (first: number, second: number) =>
      db.transaction(async (tx) => {
        runs++;
        await tx.execute(sql`UPDATE fault_rows SET n = n + 1 WHERE id = ${first}`);
        if (++arrived === 2) release();
        await bothLocked;
        await tx.execute(sql`UPDATE fault_rows SET n = n + 1 WHERE id = ${second}`);
      });
    const results = await Promise.allSettled([lockInOrder(1, 2), lockInOrder(2, 1)]);
    return { results, runs };
  }

  it("runs a transaction aborted by a deadlock again, and both succeed", async () => {
    const sum = async () =>
      (await queryRows<{ n: number }>(database.db, sql`SELECT sum(n)::int AS n FROM fault_rows`))[0]!.n;
    const before = await sum();
    const { results, runs } = await deadlock(database.db);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(runs).toBe(3);
    expect((await sum()) - before).toBe(4);
  });

  it("without the retry, the same deadlock fails one of the two (the test can fail)", async () => {
    const bare = openPostgres(database.url!, 4, { transactionRetries: 0 });
    try {
      const { results, runs } = await deadlock(bare.db);
      expect(runs).toBe(2);
      const rejected = results.filter((r) => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect(isRetryableTransactionError((rejected[0] as PromiseRejectedResult).reason)).toBe(true);
    } finally {
      await bare.close();
    }
  });

  it("runs a SERIALIZABLE transaction that lost a conflict again", async () => {
    let runs = 0;
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((r) => (release = r));
    // Each reads the sum and writes a row the other read: one of them must fail with 40001.
    const readThenWrite = (row: number) =>
      database.db.transaction(async (tx) => {
        runs++;
        await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL SERIALIZABLE`);
        await tx.execute(sql`SELECT sum(n) FROM fault_rows`);
        if (++arrived === 2) release();
        await bothRead;
        await tx.execute(sql`UPDATE fault_rows SET n = n + 1 WHERE id = ${row}`);
      });
    const results = await Promise.allSettled([readThenWrite(1), readThenWrite(2)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(runs).toBe(3);
  });

  it("does not retry a nested transaction (a savepoint) on its own", async () => {
    let inner = 0;
    const error = await database.db
      .transaction(async (tx) => {
        await tx.transaction(async () => {
          inner++;
          throw Object.assign(new Error("deadlock detected"), { code: "40P01" });
        });
      })
      .catch((e: unknown) => e);
    // The whole transaction ran again (4 runs in all), each running its savepoint once.
    expect(isRetryableTransactionError(error)).toBe(true);
    expect(inner).toBe(4);
  });

  it("answers 503 quickly when every connection of the pool is held", async () => {
    const tiny = openPostgres(database.url!, 1, { connectionTimeoutMillis: 300 });
    const held = await tiny.pool.connect();
    try {
      const res = await get("/api/v1/ping", { db: async () => tiny.db });
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("5");
      expect(res.body.error?.code).toBe("UNAVAILABLE");
      expect(res.ms).toBeLessThan(1500);
    } finally {
      held.release();
    }
    const again = await get("/api/v1/ping", { db: async () => tiny.db });
    expect(again.status).toBe(200);
    await tiny.close();
  });
});
