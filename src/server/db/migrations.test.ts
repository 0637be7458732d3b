import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "./client";
import { migrationStatus } from "./migrate";
import { queryRows } from "./rows";

// The founding document, read as the source of truth: every table, column, enum, foreign key and index
// it declares must exist after the migrations.
const DOC = fs.readFileSync(path.resolve(__dirname, "../../../../shared/spec/database-schema.md"), "utf8");

const docTables = [...DOC.matchAll(/CREATE TABLE (\w+) \(\n([\s\S]*?)\n\);/g)].map(([, name, body]) => ({
  name: name!,
  columns: body!
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^(UNIQUE|PRIMARY|CHECK|CONSTRAINT)\b/.test(l))
    .map((l) => {
      const m = /^"?(\w+)"?\s+(\w+(?:\[\])?)(.*)$/.exec(l)!;
      return { name: m[1]!, type: m[2]!, rest: m[3]! };
    }),
}));
const docIndexes = [...DOC.matchAll(/CREATE (UNIQUE )?INDEX (\w+) ON (\w+)\(([^)]*)\);/g)].map(
  ([, u, name, table, cols]) => ({
    unique: Boolean(u),
    name: name!,
    table: table!,
    columns: cols!.split(",").map((c) => c.trim().replaceAll('"', "")),
  }),
);
const docEnums = [...DOC.matchAll(/CREATE TYPE (\w+) AS ENUM \(([^)]*)\);/g)].map(([, name, values]) => ({
  name: name!,
  values: values!.split(",").map((v) => v.trim().replaceAll("'", "")),
}));

const PG_TYPE: Record<string, string[]> = {
  VARCHAR: ["character varying"],
  TEXT: ["text"],
  INTEGER: ["integer"],
  BOOLEAN: ["boolean"],
  TIMESTAMP: ["timestamp with time zone"], // docs/decisions.md: timestamps carry their time zone
  "TEXT[]": ["ARRAY"],
};

/** Where we deliberately depart from the document (each one is an entry in docs/decisions.md). */
const DEVIATIONS: Record<string, string> = {
  "payments.user_id ON DELETE": "n", // "Payments survive erasure": SET NULL instead of CASCADE
};

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("the migrated schema", () => {
  it("finds the document's 12 tables, 5 enums and 29 indexes to check", () => {
    expect(docTables).toHaveLength(12);
    expect(docEnums).toHaveLength(5);
    expect(docIndexes).toHaveLength(29);
  });

  it("has every table and column of the document, with its type", async () => {
    const cols = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
      database.db,
      sql`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const table of docTables) {
      for (const col of table.columns) {
        const found = cols.find((c) => c.table_name === table.name && c.column_name === col.name);
        expect(found, `${table.name}.${col.name}`).toBeDefined();
        const user = PG_TYPE[col.type] ?? [];
        if (found!.data_type !== "USER-DEFINED")
          expect(user, `${table.name}.${col.name}`).toContain(found!.data_type);
      }
    }
  });

  it("has every enum with the document's values in the document's order", async () => {
    const rows = await queryRows<{ name: string; values: string[] }>(
      database.db,
      sql`SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
          FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    for (const e of docEnums) expect(rows.find((r) => r.name === e.name)?.values, e.name).toEqual(e.values);
  });

  it("has every index of the document on the document's columns", async () => {
    const rows = await queryRows<{ indexname: string; tablename: string; indexdef: string }>(
      database.db,
      sql`SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    );
    for (const idx of docIndexes) {
      const found = rows.find((r) => r.indexname === idx.name);
      expect(found, idx.name).toBeDefined();
      expect(found!.tablename).toBe(idx.table);
      const cols = /\((.*)\)/
        .exec(found!.indexdef)![1]!
        .split(",")
        .map((c) => c.trim().replaceAll('"', ""));
      expect(cols, idx.name).toEqual(idx.columns);
      if (idx.unique) expect(found!.indexdef).toMatch(/^CREATE UNIQUE INDEX/);
    }
  });

  it("has every foreign key of the document with its ON DELETE behaviour", async () => {
    const fks = await queryRows<{ table: string; column: string; ref: string; on_delete: string }>(
      database.db,
      sql`SELECT c.conrelid::regclass::text AS table, a.attname AS column, c.confrelid::regclass::text AS ref,
                 c.confdeltype::text AS on_delete
          FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1`,
    );
    for (const table of docTables) {
      for (const col of table.columns) {
        const ref = /REFERENCES (\w+)\(id\)(?: ON DELETE (CASCADE|SET NULL|RESTRICT))?/.exec(col.rest);
        if (!ref) continue;
        const fk = fks.find((f) => f.table === table.name && f.column === col.name && f.ref === ref[1]);
        expect(fk, `${table.name}.${col.name} → ${ref[1]}`).toBeDefined();
        const expected =
          DEVIATIONS[`${table.name}.${col.name} ON DELETE`] ??
          { CASCADE: "c", "SET NULL": "n", RESTRICT: "r" }[ref[2] ?? ""] ??
          "a";
        expect(fk!.on_delete, `${table.name}.${col.name} ON DELETE`).toBe(expected);
      }
    }
  });

  it("records every migration it applied", async () => {
    const { applied, known } = await migrationStatus(database);
    expect(applied).toBe(known);
    expect(known).toBeGreaterThanOrEqual(4);
  });

  it("runs the document's table-size and index-usage reports verbatim", async () => {
    const sizes = await queryRows<{ tablename: string; size: string }>(
      database.db,
      sql.raw(`SELECT 
    tablename,
    pg_size_pretty(pg_total_relation_size(tablename::text)) as size
FROM pg_tables 
WHERE schemaname = 'public'
ORDER BY pg_total_relation_size(tablename::text) DESC;`),
    );
    expect(sizes.map((s) => s.tablename).sort()).toEqual(
      expect.arrayContaining(docTables.map((t) => t.name)),
    );
    const usage = await queryRows<{ index_name: string }>(
      database.db,
      sql.raw(`SELECT 
    indexrelname as index_name,
    idx_scan as times_used,
    pg_size_pretty(pg_relation_size(indexrelname::regclass)) as size
FROM pg_stat_user_indexes
ORDER BY idx_scan DESC;`),
    );
    expect(usage.map((u) => u.index_name)).toEqual(expect.arrayContaining(docIndexes.map((i) => i.name)));
  });
});
