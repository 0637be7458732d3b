import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../tests/helpers/db";
import type { Database } from "../client";
import { queryRows } from "../rows";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("foreign keys", () => {
  // Without an index leading with the referencing column, every delete of a referenced row (and its
  // CASCADE / SET NULL) scans the referencing table, and so do reads that filter on the column.
  it("each have an index leading with their first column", async () => {
    const missing = await queryRows<{ fk: string }>(
      database.db,
      sql`SELECT c.conrelid::regclass::text || '.' || a.attname || ' → ' || c.confrelid::regclass::text AS fk
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
            AND NOT EXISTS (SELECT 1 FROM pg_index i
                            WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
          ORDER BY 1`,
    );
    expect(missing.map((m) => m.fk)).toEqual([]);
  });
});
