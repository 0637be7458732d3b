import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, onPostgres } from "../tests/helpers/db";
import { adminUrl, databaseUrlFor } from "../tests/helpers/pg-urls";
import { getPublicCourseDetail } from "../src/server/catalog/api";
import { findCatalogCourses } from "../src/server/catalog/find-catalog-courses";
import { ZCatalogInput } from "../src/server/catalog/schemas";
import {
  backupPglite,
  backupPostgres,
  BackupError,
  compareWithManifest,
  defaultBackupPath,
  fingerprintDatabase,
  formatReport,
  libpqConnection,
  manifestPathFor,
  readManifest,
  restorePglite,
  restorePostgres,
  type BackupManifest,
  type DatabaseFingerprint,
  type RestoreReport,
} from "../src/server/db/backup";
import { openPglite, openPostgres, type Database } from "../src/server/db/client";
import { migrationStatus } from "../src/server/db/migrate";
import { seedDemo } from "../src/server/db/seed";

const OPTS = { appUrl: "http://localhost:3000", currency: "USD" };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aiw-backup-test-"));
const cleanups: (() => Promise<void>)[] = [];

/** The two engines behind one shape: a seeded source, and fresh empty targets to restore into. */
interface Engine {
  backup: (out: string) => Promise<BackupManifest>;
  restore: (target: string, file: string, manifest?: string) => Promise<RestoreReport>;
  newTarget: () => Promise<string>;
  open: (target: string) => Promise<Database>;
  /** Fingerprints an opened target through a connection of its own. */
  fingerprint: (target: string, opened: Database) => Promise<DatabaseFingerprint>;
  source: string;
}

async function postgresEngine(): Promise<Engine> {
  const source = await createTestDatabase({ poolSize: 2 });
  cleanups.push(() => source.close());
  await seedDemo(source.db, OPTS);
  const admin = openPostgres(adminUrl(process.env.DATABASE_URL!), 1);
  cleanups.push(() => admin.close());
  return {
    source: source.url!,
    backup: (out) => backupPostgres({ url: source.url!, out }),
    restore: (url, file, manifest) => restorePostgres({ url, file, manifest }),
    newTarget: async () => {
      // The aiw_t_<runner pid>_ prefix is what global-setup sweeps away if a run is interrupted.
      const name = `aiw_t_${process.ppid}_restore_${Math.random().toString(36).slice(2, 8)}`;
      await admin.pool.query(`CREATE DATABASE ${name}`);
      cleanups.push(async () => {
        await admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
      return databaseUrlFor(process.env.DATABASE_URL!, name);
    },
    open: async (url) => openPostgres(url, 2),
    fingerprint: async (url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await fingerprintDatabase({
          query: async <T>(text: string) => (await client.query(text)) as unknown as { rows: T[] },
        });
      } finally {
        await client.end();
      }
    },
  };
}

async function pgliteEngine(): Promise<Engine> {
  const source = path.join(tmp, "source");
  const seeded = await openPglite({
    dataDir: source,
    loadDataDir: new Blob([fs.readFileSync(inject("pgliteDump"))]),
  });
  await seedDemo(seeded.db, OPTS);
  await seeded.close();
  let n = 0;
  return {
    source,
    backup: (out) => backupPglite({ dataDir: source, out }),
    restore: (dataDir, file, manifest) => restorePglite({ dataDir, file, manifest }),
    newTarget: async () => path.join(tmp, `target-${++n}`),
    open: (dataDir) => openPglite({ dataDir }),
    fingerprint: async (_dataDir, opened) => {
      const client = (opened.db as unknown as { $client: PGlite }).$client;
      return fingerprintDatabase({
        query: async <T>(text: string) => (await client.query(text)) as unknown as { rows: T[] },
      });
    },
  };
}

let engine: Engine;
let file: string;
let manifest: BackupManifest;

beforeAll(async () => {
  engine = onPostgres ? await postgresEngine() : await pgliteEngine();
  file = path.join(tmp, "backups", path.basename(defaultBackupPath(onPostgres ? "postgres" : "pglite")));
  manifest = await engine.backup(file);
});

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`backup and restore (${onPostgres ? "PostgreSQL: pg_dump/pg_restore" : "PGlite: data directory"})`, () => {
  it("writes the dump and a manifest beside it with every table's rows and checksum", () => {
    expect(fs.statSync(file).size).toBe(manifest.dump.bytes);
    expect(readManifest(manifestPathFor(file))).toEqual(manifest);
    expect(manifest.engine).toBe(onPostgres ? "postgres" : "pglite");
    expect(manifest.migrations.applied).toBe(manifest.migrations.known);
    expect(manifest.tables.users!.rows).toBeGreaterThan(10);
    expect(manifest.tables.lessons!.rows).toBe(52);
    expect(manifest.tables.__drizzle_migrations!.rows).toBe(manifest.migrations.known);
    for (const t of Object.values(manifest.tables)) expect(t.checksum).toMatch(/^[0-9a-f]{32}$/);
    expect(manifest.server.versionNum).toBeGreaterThanOrEqual(150000);
    if (onPostgres) expect(manifest.tools.pgDump).toMatch(/^pg_dump \(PostgreSQL\) \d+/);
    else expect(manifest.tools.pglite).toMatch(/^\d+\.\d+/);
  });

  it("restores into a fresh database with identical rows and checksums in every table", async () => {
    const target = await engine.newTarget();
    const report = await engine.restore(target, file);
    expect(formatReport(report).join("\n")).not.toMatch(/MISMATCH/);
    expect(report.ok).toBe(true);
    expect(report.tables.map((t) => t.table)).toEqual(Object.keys(manifest.tables).sort());

    const restored = await engine.open(target);
    try {
      // Independently of the restore's own check: the same figures as the manifest, table by table.
      expect((await engine.fingerprint(target, restored)).tables).toEqual(manifest.tables);

      // The application's own code works on the restored database.
      const status = await migrationStatus(restored);
      expect(status.applied).toBe(status.known);
      const page = await findCatalogCourses(restored.db, ZCatalogInput.parse({ sort: "newest" }), "USD");
      expect(page.items.map((i) => i.slug)).toEqual([
        "building-llm-applications",
        "machine-learning-with-python",
        "prompt-engineering",
        "ai-foundations",
      ]);
      const detail = await getPublicCourseDetail(restored.db, "ai-foundations", "USD");
      expect(detail?.modules.length).toBeGreaterThan(0);
      expect(detail?.enrollmentCount).toBeGreaterThan(0);
    } finally {
      await restored.close();
    }
  });

  it("refuses to restore into a database that is not empty", async () => {
    await expect(engine.restore(engine.source, file)).rejects.toThrow(
      onPostgres ? /is not empty .* A restore only goes into an empty database/ : /already holds a database/,
    );
  });

  it("reports a table whose rows differ from the manifest, and fails", async () => {
    const tampered = structuredClone(manifest);
    tampered.tables.courses!.checksum = "0".repeat(32);
    tampered.tables.users!.rows += 1;
    const other = path.join(tmp, "tampered.manifest.json");
    fs.writeFileSync(other, JSON.stringify(tampered));
    const report = await engine.restore(await engine.newTarget(), file, other);
    expect(report.ok).toBe(false);
    const lines = formatReport(report);
    expect(lines.find((l) => l.startsWith("courses "))).toMatch(/MISMATCH: checksum/);
    expect(lines.find((l) => l.startsWith("users "))).toMatch(/MISMATCH: row count/);
    expect(lines.find((l) => l.startsWith("lessons "))).toMatch(/ ok$/);
  });

  it("refuses a damaged dump before touching the target", async () => {
    const damaged = path.join(tmp, `damaged${path.extname(file)}`);
    const bytes = fs.readFileSync(file);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    await expect(engine.restore(await engine.newTarget(), damaged, manifestPathFor(file))).rejects.toThrow(
      /does not match its manifest/,
    );
  });

  it("refuses to overwrite an existing backup file", async () => {
    await expect(engine.backup(file)).rejects.toThrow(BackupError);
  });
});

describe("backup helpers", () => {
  it("names default backups by UTC time", () => {
    const at = new Date("2026-05-20T10:15:00.123Z");
    expect(defaultBackupPath("postgres", at)).toBe(path.join("backups", "aiw-20260520T101500Z.dump"));
    expect(defaultBackupPath("pglite", at)).toBe(path.join("backups", "aiw-20260520T101500Z.tar.gz"));
  });

  it("keeps the password off pg_dump's command line", () => {
    const { dbname, env } = libpqConnection(
      "postgresql://aiw:s%3Acret@db.example.com:5433/aiw?sslmode=verify-full&ssl=true",
    );
    expect(dbname).toBe("postgresql://aiw@db.example.com:5433/aiw?sslmode=verify-full");
    expect(env).toEqual({ PGPASSWORD: "s:cret" });
    expect(libpqConnection("postgresql://aiw@db.example.com/aiw?ssl=true")).toEqual({
      dbname: "postgresql://aiw@db.example.com/aiw?sslmode=require",
      env: {},
    });
  });

  it("flags tables missing on either side", () => {
    const base = {
      serverVersion: "15.4",
      serverVersionNum: 150004,
      migrationsApplied: 3,
      tables: { a: { rows: 1, checksum: "x" }, b: { rows: 2, checksum: "y" } },
    };
    const m = { ...manifest, migrations: { applied: 3, known: 3 }, tables: base.tables };
    expect(compareWithManifest(m, base).ok).toBe(true);
    const report = compareWithManifest(m, { ...base, tables: { a: base.tables.a, c: base.tables.b } });
    expect(report.ok).toBe(false);
    expect(formatReport(report).join("\n")).toMatch(
      /b .*MISMATCH: missing[\s\S]*c .*MISMATCH: not in the backup/,
    );
    expect(compareWithManifest(m, { ...base, migrationsApplied: 2 }).ok).toBe(false);
  });
});
