import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import { metrics } from "../metrics/metrics";
import { openPostgres, type Database, type PostgresDatabase } from "./client";
import {
  formatLsn,
  lsnFromCookieHeader,
  noteOwnWrite,
  noteReader,
  parseLsn,
  readContext,
  withReadContext,
  writePositionCookie,
} from "./replica";
import { users } from "./schema";
import { createUser } from "./seed/factories";

/**
 * The routing of lag-tolerant reads (src/server/db/replica.ts). A real streaming replica is started by
 * tests/e2e/replica.e2e.test.ts; here the replica is one that cannot be read — a closed port, a server that is
 * not a standby — and every read must still be answered, by the primary.
 */
describe("WAL positions", () => {
  it("parse and print pg_lsn's text form, ordered like the positions", () => {
    expect(parseLsn("0/0")).toBe(0n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) | 0xb374d848n);
    expect(formatLsn(parseLsn("16/B374D848")!)).toBe("16/B374D848");
    expect(parseLsn("1/0")! > parseLsn("0/FFFFFFFF")!).toBe(true);
    for (const bad of ["", "16", "16/", "G/1", "1/2/3", "123456789/0"]) expect(parseLsn(bad)).toBeUndefined();
  });

  it("travel in a short-lived cookie, read back from a Cookie header among others", () => {
    const cookie = writePositionCookie(parseLsn("2/A0")!, true);
    expect(cookie).toBe("aiw_wpos=2%2FA0; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
    expect(lsnFromCookieHeader(`a=1; ${cookie.split(";")[0]}; authjs.session-token=x`)).toBe(
      parseLsn("2/A0"),
    );
    expect(lsnFromCookieHeader("aiw_wpos=nonsense")).toBeUndefined();
    expect(lsnFromCookieHeader("other=1")).toBeUndefined();
    expect(lsnFromCookieHeader(undefined)).toBeUndefined();
  });

  it("of a writer join their request's context and, on this instance, their next requests'", () => {
    expect(readContext()).toBeUndefined();
    withReadContext({}, () => {
      noteOwnWrite("replica-test-writer", 500n);
      expect(readContext()).toEqual({ minLsn: 500n });
    });
    const next: { minLsn?: bigint } = {};
    withReadContext(next, () => noteReader("replica-test-writer"));
    expect(next.minLsn).toBe(500n);
    const other: { minLsn?: bigint } = {};
    withReadContext(other, () => noteReader("someone-else"));
    expect(other.minLsn).toBeUndefined();
  });
});

describe.runIf(onPostgres)("a replica that cannot be read", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  const url = () => (database as PostgresDatabase).url;
  const routed = async (target: string) =>
    (await metrics().dbReads.get()).values.find((v) => v.labels.target === target)?.value ?? 0;

  it.each([
    ["is not listening", () => "postgresql://postgres@127.0.0.1:9/nothing"],
    ["is not a standby (a primary given as the replica)", url],
  ])("%s: every read is answered by the primary", async (_name, replicaUrl) => {
    const user = await createUser(database.db, { name: "Routed Reader" });
    const routedDb = openPostgres(url(), 2, { replicaUrl: replicaUrl(), connectionTimeoutMillis: 500 });
    try {
      expect((await routedDb.replica!.ready()).up).toBe(false);
      const before = await routed("primary");
      for (let i = 0; i < 3; i++) {
        const rows = await routedDb.readDb
          .select({ name: users.name })
          .from(users)
          .where(eq(users.id, user.id));
        expect(rows).toEqual([{ name: "Routed Reader" }]);
      }
      expect(await routed("primary")).toBe(before + 3);
      // A write's position is the primary's, and a transaction on the read handle runs there too.
      expect(await routedDb.writePosition()).toBeGreaterThan(0n);
      await routedDb.readDb.transaction(async (tx) => {
        await tx.update(users).set({ name: "Routed Writer" }).where(eq(users.id, user.id));
      });
      const [row] = await database.db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
      expect(row!.name).toBe("Routed Writer");
    } finally {
      await routedDb.close();
    }
  });

  it("has no position to wait for without a replica", async () => {
    const plain = openPostgres(url(), 1);
    try {
      expect(plain.readDb).toBe(plain.db);
      expect(await plain.writePosition()).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
