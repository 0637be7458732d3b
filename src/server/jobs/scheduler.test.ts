import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import { openPostgres, type Database } from "../db/client";
import { runExclusive } from "./scheduler";

let database: Database & { url?: string };

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 6 });
});
afterAll(async () => {
  await database.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(condition: () => boolean) {
  while (!condition()) await sleep(2);
}

/** Seen from a connection outside the pool: who holds advisory lock `key`, and can another session take it? */
async function lockState(key: number) {
  const outside = new pg.Client({ connectionString: database.url });
  await outside.connect();
  try {
    const { rows } = await outside.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = 0 AND objid = $1 AND objsubid = 1 AND granted`,
      [key],
    );
    const [taken] = (await outside.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [key]))
      .rows;
    if (taken?.ok) await outside.query("SELECT pg_advisory_unlock($1)", [key]);
    return { holders: rows[0]!.n, freeForAnotherSession: taken?.ok === true };
  } finally {
    await outside.end();
  }
}

const FREE = { holders: 0, freeForAnotherSession: true };

/** Keeps the pool's connections busy with short queries until `stop()`. */
function keepPoolBusy(db: Database["db"], workers = 4) {
  let stopped = false;
  const loops = Array.from({ length: workers }, async (_, i) => {
    while (!stopped) await db.execute(sql`SELECT pg_sleep(${0.001 * (1 + ((i * 7) % 5))})`);
  });
  return async () => {
    stopped = true;
    await Promise.all(loops);
  };
}

describe("runExclusive", () => {
  it("runs the job and returns its result", async () => {
    await expect(runExclusive(database, "test", 41_001, async () => 42)).resolves.toEqual({
      ran: true,
      result: 42,
    });
  });

  it("passes the job's error on", async () => {
    await expect(
      runExclusive(database, "test", 41_002, async () => {
        throw new Error("job broke");
      }),
    ).rejects.toThrow("job broke");
  });

  it.skipIf(!onPostgres)(
    "leaves the advisory lock free after every run while other queries keep the pool busy",
    async () => {
      const key = 41_003;
      const stop = keepPoolBusy(database.db);
      try {
        for (let round = 0; round < 20; round++) {
          // The job uses the pool as real jobs do: its queries end in varying order.
          const outcome = await runExclusive(database, "test", key, async () => {
            await Promise.all([3, 1, 2].map((ms) => database.db.execute(sql`SELECT pg_sleep(${ms / 1000})`)));
            return round;
          });
          expect(outcome, `round ${round}`).toEqual({ ran: true, result: round });
          expect(await lockState(key), `round ${round}`).toEqual(FREE);
        }
      } finally {
        await stop();
      }
    },
  );

  it.skipIf(!onPostgres)("runs only one of two concurrent runs of the same job", async () => {
    const key = 41_004;
    // The second "instance" has its own pool, as another app server would.
    const other = openPostgres(database.url!, 2);
    try {
      for (let round = 0; round < 10; round++) {
        let started = 0;
        let open!: () => void;
        const gate = new Promise<void>((r) => (open = r));
        const job = async () => {
          started++;
          await gate;
          return "done";
        };
        const second = round % 2 === 0 ? other : database;
        const runs = [runExclusive(database, "test", key, job), runExclusive(second, "test", key, job)];
        // Hold the first job until the other run has been turned away (or, if the lock failed, has started).
        await Promise.race([Promise.race(runs), waitUntil(() => started === 2)]);
        open();
        const outcomes = await Promise.all(runs);
        expect(
          outcomes.filter((o) => o.ran),
          `round ${round}`,
        ).toHaveLength(1);
        expect(
          outcomes.filter((o) => !o.ran),
          `round ${round}`,
        ).toHaveLength(1);
        expect(started).toBe(1);
      }
      expect(await lockState(key)).toEqual(FREE);
    } finally {
      await other.close();
    }
  });

  it.skipIf(!onPostgres)("releases the lock when the job throws", async () => {
    const key = 41_005;
    for (let round = 0; round < 5; round++) {
      await expect(
        runExclusive(database, "test", key, async () => {
          await database.db.execute(sql`SELECT 1`);
          throw new Error("job broke");
        }),
      ).rejects.toThrow("job broke");
      expect(await lockState(key)).toEqual(FREE);
    }
    await expect(runExclusive(database, "test", key, async () => "after")).resolves.toEqual({
      ran: true,
      result: "after",
    });
  });

  it.skipIf(!onPostgres)(
    "survives losing the lock's connection during the job and runs again next time",
    async () => {
      const key = 41_006;
      const outcome = await runExclusive(database, "test", key, async () => {
        // The session holding the lock dies (a restarted server, an idle timeout, an operator's kill).
        await database.db.execute(
          sql`SELECT pg_terminate_backend(pid) FROM pg_locks
               WHERE locktype = 'advisory' AND objid = ${key} AND objsubid = 1 AND granted`,
        );
        await sleep(50);
        return "finished";
      });
      expect(outcome).toEqual({ ran: true, result: "finished" });
      expect(await lockState(key)).toEqual(FREE);
      await expect(runExclusive(database, "test", key, async () => "again")).resolves.toEqual({
        ran: true,
        result: "again",
      });
      // The dead client did not go back to the pool: every pooled connection still answers.
      await Promise.all(Array.from({ length: 6 }, () => database.db.execute(sql`SELECT 1`)));
    },
  );
});
