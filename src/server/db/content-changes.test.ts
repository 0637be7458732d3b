import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "./client";
import { watchContentChanges } from "./content-changes";
import { seedDemo } from "./seed";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 4 });
  await seedDemo(database.db, { appUrl: "http://localhost:3000", currency: "USD" });
});
afterAll(async () => {
  await database.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects onChange calls; `next()` resolves at the next one (or rejects after `ms`). */
function recorder() {
  const reasons: string[] = [];
  let wake: (() => void) | null = null;
  return {
    reasons,
    onChange: (reason: string) => {
      reasons.push(reason);
      wake?.();
    },
    next: (ms: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no change reported within ${ms} ms`)), ms);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          resolve();
        };
      }),
  };
}

describe("content changes", () => {
  it("are reported within a second of a committed edit to what public pages show", async () => {
    const seen = recorder();
    const watcher = await watchContentChanges(database, seen.onChange, {
      pollMs: 60_000,
    });
    try {
      const started = Date.now();
      const next = seen.next(1000);
      await database.db.execute(
        sql`UPDATE courses SET title = title || '!' WHERE slug = 'machine-learning-with-python'`,
      );
      await next;
      expect(Date.now() - started).toBeLessThan(1000);
      expect(seen.reasons).toContain("notify");

      // Progress is not shown on public pages: no change reported.
      seen.reasons.length = 0;
      await database.db.execute(sql`UPDATE user_progress SET time_spent = time_spent WHERE false`);
      await sleep(200);
      expect(seen.reasons).toEqual([]);
    } finally {
      await watcher.close();
    }
  });

  it("are not reported for a change that was rolled back, except as a harmless version step", async () => {
    const seen = recorder();
    const watcher = await watchContentChanges(database, seen.onChange, { pollMs: 60_000 });
    try {
      await database.db
        .transaction(async (tx) => {
          await tx.execute(sql`UPDATE courses SET title = title WHERE false`);
          throw new Error("rollback");
        })
        .catch(() => {});
      await sleep(300);
      expect(seen.reasons).not.toContain("notify");
    } finally {
      await watcher.close();
    }
  });

  it("are caught by the version check when a notification is missed", async () => {
    const seen = recorder();
    const watcher = await watchContentChanges(database, seen.onChange, { pollMs: 100 });
    try {
      const next = seen.next(1000);
      // What a change does while nobody listens: the sequence moves, no notification arrives.
      await database.db.execute(sql`SELECT nextval('content_version')`);
      await next;
      expect(seen.reasons).toEqual(["version"]);
    } finally {
      await watcher.close();
    }
  });

  it.runIf(onPostgres)(
    "reconnect the listener after its connection is cut, and report a change",
    async () => {
      const seen = recorder();
      const watcher = await watchContentChanges(database, seen.onChange, { pollMs: 60_000, reconnectMs: 50 });
      try {
        const next = seen.next(3000);
        await database.db.execute(
          sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query = 'LISTEN content_changed'`,
        );
        await next;
        expect(seen.reasons).toContain("reconnect");
        // And it listens again.
        const again = seen.next(1000);
        await database.db.execute(
          sql`UPDATE courses SET title = title WHERE slug = 'machine-learning-with-python'`,
        );
        await again;
      } finally {
        await watcher.close();
      }
    },
  );
});
