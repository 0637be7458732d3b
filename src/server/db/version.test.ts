import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "./client";
import {
  assertSupportedPostgres,
  checkServerVersion,
  formatServerVersion,
  MIN_SERVER_VERSION_NUM,
  parseServerVersionNum,
  UnsupportedPostgresError,
} from "./version";

describe("PostgreSQL version floor", () => {
  it("parses server_version_num", () => {
    expect(parseServerVersionNum("150004")).toBe(150004);
    expect(parseServerVersionNum(" 180001\n")).toBe(180001);
    expect(parseServerVersionNum(90624)).toBe(90624);
    expect(() => parseServerVersionNum("15.4")).toThrow(/Unrecognised/);
    expect(() => parseServerVersionNum("")).toThrow(/Unrecognised/);
  });

  it("formats version numbers as people write them", () => {
    expect(formatServerVersion(140009)).toBe("14.9");
    expect(formatServerVersion(150000)).toBe("15.0");
    expect(formatServerVersion(90624)).toBe("9.6.24");
  });

  it("accepts 15.0 and newer", () => {
    expect(MIN_SERVER_VERSION_NUM).toBe(150000);
    for (const n of [150000, 150004, 160002, 180001]) expect(() => checkServerVersion(n)).not.toThrow();
  });

  it("refuses 14 and older with a message that names the server's version", () => {
    expect(() => checkServerVersion(140009)).toThrow(
      "AI Whisperers needs PostgreSQL 15 or newer; this server is 14.9.",
    );
    expect(() => checkServerVersion(149999, "14.12 (Debian 14.12-1.pgdg120+1)")).toThrow(
      /this server is 14\.12\. Upgrade the server/,
    );
    expect(() => checkServerVersion(90624)).toThrow(UnsupportedPostgresError);
  });

  describe("on the test database", () => {
    let database: Database;
    beforeAll(async () => {
      database = await createTestDatabase({ poolSize: 1 });
    });
    afterAll(async () => {
      await database?.close();
    });

    it("accepts the server the suite runs on (15 or PGlite's 18)", async () => {
      expect(await assertSupportedPostgres(database.db)).toBeGreaterThanOrEqual(150000);
    });
  });
});
