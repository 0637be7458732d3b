import { sql } from "drizzle-orm";
import pg from "pg";
import { logger } from "../log";
import type { Database } from "./client";

/**
 * Tells an instance that public content changed (migration 0012: statement triggers on the tables public pages
 * show advance the sequence content_version and NOTIFY content_changed). Two paths, so that a change is seen
 * within about a second on every instance and a missed notification cannot keep stale pages:
 * - LISTEN on one dedicated connection (PostgreSQL) or on the embedded client (PGlite): immediate;
 * - a poll of the sequence every `pollMs`: catches what a dropped connection missed; a reconnect counts as a
 *   change too.
 * `onChange` may be called more than once for one change; callers only empty a cache.
 */
export const CONTENT_CHANNEL = "content_changed";

export interface ContentWatcher {
  close(): Promise<void>;
}

export interface WatchOptions {
  pollMs?: number;
  /** Wait before reconnecting the listening connection after it failed. */
  reconnectMs?: number;
}

async function readVersion(database: Database): Promise<string> {
  const result = await database.db.execute(sql`SELECT last_value::text AS v, is_called FROM content_version`);
  const row = (result as unknown as { rows: { v: string; is_called: boolean }[] }).rows[0];
  return row ? `${row.v}:${row.is_called}` : "none";
}

export async function watchContentChanges(
  database: Database,
  onChange: (reason: "notify" | "version" | "reconnect") => void,
  opts: WatchOptions = {},
): Promise<ContentWatcher> {
  const pollMs = opts.pollMs ?? 1000;
  const reconnectMs = opts.reconnectMs ?? 1000;
  let closed = false;
  let version = await readVersion(database).catch(() => "unknown");

  const poll = setInterval(() => {
    readVersion(database).then(
      (now) => {
        if (now !== version) {
          version = now;
          onChange("version");
        }
      },
      (e: unknown) => logger.warn("content version check failed", { err: e }),
    );
  }, pollMs);
  poll.unref();

  if (database.kind === "pglite") {
    const unlisten = await database.client.listen(CONTENT_CHANNEL, () => onChange("notify"));
    return {
      close: async () => {
        closed = true;
        clearInterval(poll);
        await unlisten().catch(() => {});
      },
    };
  }

  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      // LISTEN is session state: around a transaction-mode pooler it needs a direct connection.
      connectionString: database.directUrl,
      keepAlive: true,
      connectionTimeoutMillis: 2000,
    });
    const lost = (e?: unknown) => {
      if (client !== c) return;
      client = null;
      c.removeAllListeners("notification");
      c.end().catch(() => {});
      if (closed) return;
      logger.warn("content listener lost its connection; reconnecting", { err: e });
      retry = setTimeout(() => void reconnect(), reconnectMs);
      retry.unref();
    };
    c.on("error", lost);
    c.on("end", () => lost());
    c.on("notification", (msg) => {
      if (msg.channel === CONTENT_CHANNEL) onChange("notify");
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CONTENT_CHANNEL}`);
    } catch (e) {
      lost(e);
      throw e;
    }
  };
  const reconnect = async () => {
    retry = null;
    try {
      await connect();
      // Whatever changed while nobody listened.
      onChange("reconnect");
    } catch {
      // lost() scheduled the next try.
    }
  };
  await connect().catch((e: unknown) => {
    logger.warn("content listener could not connect; the version poll stands in", { err: e });
  });
  return {
    close: async () => {
      closed = true;
      clearInterval(poll);
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}
