import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../tests/helpers/actors";
import { createTestDatabase } from "../../tests/helpers/db";
import { findUsers } from "./accounts/roles";
import { findAuditEntries } from "./audit/queries";
import type { Database } from "./db/client";
import { createUser } from "./db/seed/factories";
import { isAppError } from "./errors";
import { decodeCursor, encodeCursor, ZTimeIdKey } from "./pagination";
import { findPayments } from "./payments/queries";
import { findReviewReports } from "./reviews/moderation";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

/** Cursors an attacker can craft: well-formed envelopes whose key is not what the column holds. */
const crafted = [
  encodeCursor(["not a date", "x"]),
  encodeCursor(["2026-02-30T00:00:00.000000Z", "x"]),
  encodeCursor(["99999-01-01T00:00:00.000000Z", "x"]),
  encodeCursor(["2026-01-01T00:00:00.000000Z", "nul\u0000"]),
  encodeCursor(["2026-01-01T00:00:00.000000Z"]),
  encodeCursor([1, 2]),
  Buffer.from('{"v":1,"k":["2026-01-01 00:00:00+00","x"]}').toString("base64url"),
  "not-a-cursor",
  "%%%",
];

describe("keyset cursors", () => {
  it("round-trip a key, and refuse another scope's cursor", () => {
    const key = ["2026-11-27T14:05:00.123456Z", "abc"];
    expect(decodeCursor(encodeCursor(key), ZTimeIdKey)).toEqual(key);
    expect(() => decodeCursor(encodeCursor(key, "newest:x"), ZTimeIdKey, { scope: "newest:y" })).toThrow(
      /another search, filter or sort/,
    );
  });

  it("are refused as invalid input by every admin list, never reaching SQL as a database error", async () => {
    const admin = actorOf(await createUser(database.db, { role: "ADMIN" }));
    const lists = {
      users: (cursor: string) => findUsers(database.db, admin, { cursor }),
      audit: (cursor: string) => findAuditEntries(database.db, admin, { cursor }),
      payments: (cursor: string) => findPayments(database.db, admin, { cursor }),
      reports: (cursor: string) => findReviewReports(database.db, admin, { cursor }),
    };
    for (const [name, list] of Object.entries(lists)) {
      for (const cursor of crafted) {
        const error = await list(cursor).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isAppError(error) && error.code, `${name} ${cursor}`).toBe("INVALID_INPUT");
      }
    }
  });
});
