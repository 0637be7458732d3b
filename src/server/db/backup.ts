import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openPglite, pgliteDir } from "./client";
import { readJournal } from "./migrate";
import { checkServerVersion, parseServerVersionNum } from "./version";

/**
 * Backups with a manifest. PostgreSQL: `pg_dump -Fc` taken in the same snapshot as the manifest's figures;
 * restored with `pg_restore` into an empty database only. PGlite: the data directory as a gzipped tar, taken
 * while this process holds the directory's lock; restored into a directory that holds no database. Either way
 * the restored database is fingerprinted again (row count and an order-independent checksum per table) and
 * compared with the manifest.
 */

const run = promisify(execFile);

export type BackupEngine = "postgres" | "pglite";

export interface TableFingerprint {
  rows: number;
  checksum: string;
}

export interface DatabaseFingerprint {
  serverVersion: string;
  serverVersionNum: number;
  migrationsApplied: number;
  tables: Record<string, TableFingerprint>;
}

export interface BackupManifest {
  format: "aiw-backup/1";
  engine: BackupEngine;
  createdAt: string;
  dump: { file: string; bytes: number; sha256: string };
  server: { version: string; versionNum: number };
  tools: { app: string; node: string; pgDump?: string; pglite?: string };
  migrations: { applied: number; known: number };
  tables: Record<string, TableFingerprint>;
}

/** A refusal or failure the operator can act on: the CLI prints its message, without a stack. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** One connection: a pg.Client or a PGlite instance. */
export interface SqlConnection {
  query<T>(text: string): Promise<{ rows: T[] }>;
}

const asConnection = (c: pg.Client | PGlite): SqlConnection => ({
  query: async <T>(text: string) =>
    (await (c as { query: (t: string) => Promise<unknown> }).query(text)) as { rows: T[] },
});

// Text forms of timestamps, floats and bytea depend on session settings; pin them so checksums compare.
const PINNED_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL extra_float_digits = 1",
  "SET LOCAL bytea_output = 'hex'",
];

/** Runs `fn` in one read-only REPEATABLE READ transaction (one snapshot) with the pinned settings. */
async function inSnapshot<T>(conn: SqlConnection, fn: () => Promise<T>): Promise<T> {
  await conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    for (const s of PINNED_SETTINGS) await conn.query(s);
    const result = await fn();
    await conn.query("COMMIT");
    return result;
  } catch (e) {
    await conn.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Row count and checksum of every table in `public`; call inside `inSnapshot`. */
async function fingerprintIn(conn: SqlConnection): Promise<DatabaseFingerprint> {
  const [v] = (
    await conn.query<{ num: string; version: string }>(
      "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version",
    )
  ).rows;
  const names = (
    await conn.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).rows.map((r) => r.name);
  const tables: Record<string, TableFingerprint> = {};
  for (const name of names) {
    // md5 of each row's text, sorted, concatenated, hashed: independent of physical row order.
    const [row] = (
      await conn.query<{ rows: string; checksum: string }>(
        `SELECT count(*)::text AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS checksum
         FROM (SELECT md5(t::text) AS h FROM public.${quoteIdent(name)} t) s`,
      )
    ).rows;
    tables[name] = { rows: Number(row!.rows), checksum: row!.checksum };
  }
  return {
    serverVersion: v!.version.trim().split(/\s+/)[0]!,
    serverVersionNum: parseServerVersionNum(v!.num),
    migrationsApplied: tables.__drizzle_migrations?.rows ?? 0,
    tables,
  };
}

export async function fingerprintDatabase(conn: SqlConnection): Promise<DatabaseFingerprint> {
  return inSnapshot(conn, () => fingerprintIn(conn));
}

// ---------------------------------------------------------------------------------------------------------
// Manifest and comparison

export const manifestPathFor = (dumpFile: string) => `${dumpFile}.manifest.json`;

/** `backups/aiw-20260520T101500Z.dump` (PostgreSQL) or `.tar.gz` (PGlite), in UTC. */
export function defaultBackupPath(engine: BackupEngine, now = new Date(), dir = "backups"): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return path.join(dir, `aiw-${stamp}${engine === "postgres" ? ".dump" : ".tar.gz"}`);
}

function readVersion(packageJson: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(packageJson, "utf8")) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function writeManifest(
  engine: BackupEngine,
  file: string,
  fp: DatabaseFingerprint,
  tools: { pgDump?: string },
  now: Date,
): Promise<BackupManifest> {
  const manifest: BackupManifest = {
    format: "aiw-backup/1",
    engine,
    createdAt: now.toISOString(),
    dump: { file: path.basename(file), bytes: fs.statSync(file).size, sha256: await sha256File(file) },
    server: { version: fp.serverVersion, versionNum: fp.serverVersionNum },
    tools: {
      app: readVersion(path.join(process.cwd(), "package.json")) ?? "unknown",
      node: process.version,
      ...(tools.pgDump ? { pgDump: tools.pgDump } : {}),
      ...(engine === "pglite"
        ? { pglite: readVersion(path.join(process.cwd(), "node_modules/@electric-sql/pglite/package.json")) }
        : {}),
    },
    migrations: { applied: fp.migrationsApplied, known: readJournal().entries.length },
    tables: fp.tables,
  };
  fs.writeFileSync(manifestPathFor(file), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(file: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8")) as BackupManifest;
  } catch (e) {
    throw new BackupError(`Cannot read the backup manifest ${file}: ${(e as Error).message}`);
  }
  if (manifest.format !== "aiw-backup/1" || !manifest.tables || !manifest.dump)
    throw new BackupError(`${file} is not an AI Whisperers backup manifest.`);
  return manifest;
}

export interface TableComparison {
  table: string;
  expected?: TableFingerprint;
  actual?: TableFingerprint;
  ok: boolean;
}

export interface RestoreReport {
  ok: boolean;
  tables: TableComparison[];
  migrations: { expected: number; actual: number; ok: boolean };
  server: string;
}

/** Every table of the manifest with the same rows and checksum, and no table the manifest lacks. */
export function compareWithManifest(manifest: BackupManifest, actual: DatabaseFingerprint): RestoreReport {
  const names = [...new Set([...Object.keys(manifest.tables), ...Object.keys(actual.tables)])].sort();
  const tables = names.map((table) => {
    const expected = manifest.tables[table];
    const got = actual.tables[table];
    const ok = Boolean(expected && got && expected.rows === got.rows && expected.checksum === got.checksum);
    return { table, expected, actual: got, ok };
  });
  const migrations = {
    expected: manifest.migrations.applied,
    actual: actual.migrationsApplied,
    ok: manifest.migrations.applied === actual.migrationsApplied,
  };
  return {
    ok: migrations.ok && tables.every((t) => t.ok),
    tables,
    migrations,
    server: actual.serverVersion,
  };
}

/** The comparison as printable lines. */
export function formatReport(report: RestoreReport): string[] {
  const width = Math.max(5, ...report.tables.map((t) => t.table.length));
  const lines = [
    `${"table".padEnd(width)}  ${"rows (backup)".padStart(13)}  ${"rows (now)".padStart(10)}  check`,
  ];
  for (const t of report.tables) {
    const verdict = t.ok
      ? "ok"
      : !t.expected
        ? "MISMATCH: not in the backup"
        : !t.actual
          ? "MISMATCH: missing"
          : t.expected.rows !== t.actual.rows
            ? "MISMATCH: row count"
            : "MISMATCH: checksum";
    lines.push(
      `${t.table.padEnd(width)}  ${String(t.expected?.rows ?? "-").padStart(13)}  ${String(t.actual?.rows ?? "-").padStart(10)}  ${verdict}`,
    );
  }
  const m = report.migrations;
  lines.push(
    `migrations applied: ${m.expected} in the backup, ${m.actual} restored${m.ok ? "" : "  MISMATCH"}`,
  );
  return lines;
}

async function verifyDumpFile(file: string, manifest: BackupManifest, engine: BackupEngine): Promise<void> {
  if (manifest.engine !== engine) {
    throw new BackupError(
      `This is a backup of ${manifest.engine === "pglite" ? "the embedded database (PGlite)" : "a PostgreSQL server"}; ` +
        `it can only be restored into ${manifest.engine === "pglite" ? "a DATA_DIR, without DATABASE_URL" : "PostgreSQL (DATABASE_URL)"}.`,
    );
  }
  if (!fs.existsSync(file)) throw new BackupError(`No such backup file: ${file}`);
  const bytes = fs.statSync(file).size;
  if (bytes !== manifest.dump.bytes || (await sha256File(file)) !== manifest.dump.sha256) {
    throw new BackupError(
      `${file} does not match its manifest (size or SHA-256 differ): the file is damaged or belongs to another backup.`,
    );
  }
}

function claimOutput(out: string): string {
  if (fs.existsSync(out)) throw new BackupError(`${out} already exists; choose another --out.`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  return `${out}.partial`;
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL: pg_dump / pg_restore

/**
 * libpq arguments for a DATABASE_URL without putting the password on a command line (where `ps` shows it):
 * the URL minus its password for `--dbname`, the password in PGPASSWORD. node-postgres-only parameters are
 * dropped; libpq's own (sslmode, sslrootcert, …) pass through.
 */
export function libpqConnection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  // node-postgres's `ssl=true` asks for TLS; libpq spells that sslmode=require.
  const ssl = u.searchParams.get("ssl");
  if ((ssl === "true" || ssl === "1") && !u.searchParams.has("sslmode"))
    u.searchParams.set("sslmode", "require");
  for (const p of ["ssl", "uselibpqcompat"]) u.searchParams.delete(p);
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** `postgres@host:5432/db`, never the password. */
export function describePostgres(url: string): string {
  const u = new URL(url);
  return `${u.username ? `${decodeURIComponent(u.username)}@` : ""}${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** The PostgreSQL client tool for the server's major version (Debian layout), else the one on PATH. */
export async function findPgTool(
  name: "pg_dump" | "pg_restore",
  serverMajor: number,
  binDir?: string,
): Promise<{ path: string; version: string; major: number }> {
  const candidates = binDir
    ? [path.join(binDir, name)]
    : [
        `/usr/lib/postgresql/${serverMajor}/bin/${name}`,
        ...(fs.existsSync("/usr/lib/postgresql")
          ? fs
              .readdirSync("/usr/lib/postgresql")
              .filter((d) => /^\d+$/.test(d) && Number(d) > serverMajor)
              .sort((a, b) => Number(a) - Number(b))
              .map((d) => `/usr/lib/postgresql/${d}/bin/${name}`)
          : []),
        name,
      ];
  for (const candidate of candidates) {
    if (candidate.includes("/") && !fs.existsSync(candidate)) continue;
    try {
      const { stdout } = await run(candidate, ["--version"]);
      const version = stdout.trim();
      const major = Number(/\b(\d+)(?:\.\d+)+/.exec(version)?.[1] ?? 0);
      if (major < serverMajor) {
        throw new BackupError(
          `${candidate} is "${version}", older than the server (PostgreSQL ${serverMajor}). Install the ` +
            `PostgreSQL ${serverMajor} client tools (or newer), or pass --pg-bin DIR.`,
        );
      }
      return { path: candidate, version, major };
    } catch (e) {
      if (e instanceof BackupError) throw e;
    }
  }
  throw new BackupError(`${name} was not found. Install the PostgreSQL client tools, or pass --pg-bin DIR.`);
}

async function runPgTool(tool: string, args: string[], url: string): Promise<void> {
  const { dbname, env } = libpqConnection(url);
  try {
    await run(tool, [...args, "--no-password", `--dbname=${dbname}`], {
      // eslint-disable-next-line no-restricted-properties -- the child inherits PATH, HOME (~/.pgpass), PG* as given
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? "").trim();
    throw new BackupError(`${path.basename(tool)} failed: ${stderr || (e as Error).message}`);
  }
}

async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (e) {
    throw new BackupError(
      `Cannot connect to PostgreSQL at ${describePostgres(url)}: ${(e as Error).message}`,
    );
  }
  return client;
}

/** pg_dump -Fc of the database in DATABASE_URL, in the same snapshot as the manifest's figures. */
export async function backupPostgres(opts: {
  url: string;
  out: string;
  pgBinDir?: string;
  now?: Date;
}): Promise<BackupManifest> {
  const partial = claimOutput(opts.out);
  const client = await connectPostgres(opts.url);
  const conn = asConnection(client);
  try {
    const fp = await inSnapshot(conn, async () => {
      const [{ snapshot }] = (
        await conn.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot")
      ).rows as [{ snapshot: string }];
      const fp = await fingerprintIn(conn);
      checkServerVersion(fp.serverVersionNum, fp.serverVersion);
      const tool = await findPgTool("pg_dump", Math.floor(fp.serverVersionNum / 10000), opts.pgBinDir);
      // The exporting transaction stays open until pg_dump has finished: both see the same rows.
      await runPgTool(
        tool.path,
        ["--format=custom", `--snapshot=${snapshot}`, `--file=${partial}`],
        opts.url,
      );
      return { ...fp, pgDump: tool.version };
    });
    fs.renameSync(partial, opts.out);
    return await writeManifest("postgres", opts.out, fp, { pgDump: fp.pgDump }, opts.now ?? new Date());
  } finally {
    fs.rmSync(partial, { force: true });
    await client.end().catch(() => {});
  }
}

/** Refuses unless the target database holds no table, view, sequence or other relation outside pg_*. */
async function assertEmptyPostgres(conn: SqlConnection, url: string): Promise<void> {
  const [row] = (
    await conn.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
         AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
    )
  ).rows;
  if ((row?.n ?? 0) > 0) {
    throw new BackupError(
      `The database ${describePostgres(url)} is not empty (${row!.n} tables, views or sequences). A restore only ` +
        "goes into an empty database: create one (createdb, or CREATE DATABASE) and point DATABASE_URL at it. " +
        "To replace a live database, restore into a new one, check it, then switch the application over.",
    );
  }
}

/** pg_restore into an empty database (one transaction: a failure leaves it empty), then the manifest check. */
export async function restorePostgres(opts: {
  url: string;
  file: string;
  manifest?: string;
  pgBinDir?: string;
}): Promise<RestoreReport> {
  const manifest = readManifest(opts.manifest ?? manifestPathFor(opts.file));
  await verifyDumpFile(opts.file, manifest, "postgres");
  const client = await connectPostgres(opts.url);
  const conn = asConnection(client);
  try {
    const [v] = (await conn.query<{ num: string }>("SELECT current_setting('server_version_num') AS num"))
      .rows;
    const num = parseServerVersionNum(v!.num);
    checkServerVersion(num);
    await assertEmptyPostgres(conn, opts.url);
    const tool = await findPgTool("pg_restore", Math.floor(num / 10000), opts.pgBinDir);
    // Objects become the restoring user's; grants made by hand are not restored (roles differ between servers).
    await runPgTool(
      tool.path,
      ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", opts.file],
      opts.url,
    );
    // pg_restore brings no planner statistics; without them the first queries plan blind.
    await conn.query("ANALYZE");
    return compareWithManifest(manifest, await fingerprintDatabase(conn));
  } finally {
    await client.end().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------
// PGlite: the data directory as a tarball

const holdsDatabase = (dataDir: string) => fs.existsSync(path.join(pgliteDir(dataDir), "PG_VERSION"));

const pgliteOf = (database: { db: unknown }) => (database.db as { $client: PGlite }).$client;

/** The embedded database's directory as a .tar.gz, taken under its lock (refused while a server holds it). */
export async function backupPglite(opts: {
  dataDir: string;
  out: string;
  now?: Date;
}): Promise<BackupManifest> {
  if (!holdsDatabase(opts.dataDir))
    throw new BackupError(`There is no embedded database in ${opts.dataDir} to back up.`);
  const partial = claimOutput(opts.out);
  const database = await openPglite({ dataDir: opts.dataDir });
  try {
    const client = pgliteOf(database);
    const conn = asConnection(client);
    await conn.query("CHECKPOINT");
    const fp = await fingerprintDatabase(conn);
    const dump = await client.dumpDataDir("gzip");
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, opts.out);
    return await writeManifest("pglite", opts.out, fp, {}, opts.now ?? new Date());
  } finally {
    fs.rmSync(partial, { force: true });
    await database.close();
  }
}

/** Loads a PGlite backup into a data directory that holds no database yet, then the manifest check. */
export async function restorePglite(opts: {
  dataDir: string;
  file: string;
  manifest?: string;
}): Promise<RestoreReport> {
  const manifest = readManifest(opts.manifest ?? manifestPathFor(opts.file));
  await verifyDumpFile(opts.file, manifest, "pglite");
  const dir = pgliteDir(opts.dataDir);
  if (holdsDatabase(opts.dataDir) || (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)) {
    throw new BackupError(
      `${dir} already holds a database. A restore only goes into an empty DATA_DIR: choose a new one ` +
        "(DATA_DIR=/path/to/new npm run db:restore …), or stop the server and move the old directory aside first.",
    );
  }
  const database = await openPglite({
    dataDir: opts.dataDir,
    loadDataDir: new Blob([fs.readFileSync(opts.file)]),
  });
  try {
    return compareWithManifest(manifest, await fingerprintDatabase(asConnection(pgliteOf(database))));
  } finally {
    await database.close();
  }
}
