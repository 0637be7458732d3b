import { sql } from "drizzle-orm";
import { queryRows } from "./rows";
import type { Db } from "./types";

/**
 * PostgreSQL 15 is the floor: the schema uses `UNIQUE NULLS NOT DISTINCT` (new in 15), so migrations would
 * fail half-way on 14 with a syntax error. We refuse up front with a message that says what to do instead.
 */
export const MIN_SERVER_VERSION_NUM = 150000;
export const MIN_SERVER_VERSION = "15";

export class UnsupportedPostgresError extends Error {
  constructor(
    public readonly versionNum: number,
    public readonly version: string,
  ) {
    super(
      `AI Whisperers needs PostgreSQL ${MIN_SERVER_VERSION} or newer; this server is ${version}. ` +
        "Upgrade the server (pg_upgrade, or a dump and restore into a new one) or point DATABASE_URL at a " +
        `PostgreSQL ${MIN_SERVER_VERSION}+ server.`,
    );
    this.name = "UnsupportedPostgresError";
  }
}

/** `server_version_num` (e.g. "150004", "90624") as a number; throws on anything else. */
export function parseServerVersionNum(value: string | number): number {
  const text = String(value).trim();
  if (!/^\d{5,7}$/.test(text)) throw new Error(`Unrecognised server_version_num: "${text}"`);
  return Number(text);
}

/** "15.4" for 150004, "9.6.24" for 90624 (before 10 the version had three parts). */
export function formatServerVersion(num: number): string {
  const major = Math.floor(num / 10000);
  if (major >= 10) return `${major}.${num % 10000}`;
  return `${Math.floor(num / 10000)}.${Math.floor(num / 100) % 100}.${num % 100}`;
}

/** Throws UnsupportedPostgresError below the floor. `version` is the server's own text when known. */
export function checkServerVersion(num: number, version?: string): void {
  if (num < MIN_SERVER_VERSION_NUM) {
    const shown = version?.trim().split(/\s+/)[0] || formatServerVersion(num);
    throw new UnsupportedPostgresError(num, shown);
  }
}

/** Asks the server its version and refuses one older than 15. Returns the version number. */
export async function assertSupportedPostgres(db: Db): Promise<number> {
  const [row] = await queryRows<{ num: string; version: string }>(
    db,
    sql`SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version`,
  );
  const num = parseServerVersionNum(row?.num ?? "");
  checkServerVersion(num, row?.version);
  return num;
}
