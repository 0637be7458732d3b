import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * Named prepared statements for the statements a process runs often (docs/decisions.md, "Prepared
 * statements"), the way pgJDBC's prepareThreshold does it: once a statement's text has been sent `threshold`
 * times it is given a stable name (a hash of its text), so each connection parses and plans it once and then
 * only binds and executes — planning was most of the database's time on the hot reads. At most `maxNames`
 * texts are named per process, so statements with variable text (IN lists) cannot grow every connection's
 * statement cache without bound. Off with threshold 0 (e.g. behind a pooler in transaction mode without
 * prepared-statement support).
 */
export interface PrepareOptions {
  threshold: number;
  maxNames: number;
}

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown };

export function autoPrepare(pool: pg.Pool, opts: PrepareOptions): void {
  if (opts.threshold <= 0) {
    // Off means off: the statements the code names itself (Drizzle's `.prepare(name)`) go unnamed too, or a
    // pooler in transaction mode would find them prepared on one server connection and missing (or already
    // there) on the next.
    pool.on("connect", (client) => {
      const original = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const config = args[0] as QueryConfig | string;
        if (config && typeof config === "object" && config.name) args[0] = { ...config, name: undefined };
        return original(...args);
      };
    });
    return;
  }
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const nameFor = (text: string): string | undefined => {
    const known = names.get(text);
    if (known) return known;
    if (names.size >= opts.maxNames || text.length > 16_000) return undefined;
    const count = (seen.get(text) ?? 0) + 1;
    if (count < opts.threshold) {
      if (seen.size < 10_000) seen.set(text, count);
      return undefined;
    }
    seen.delete(text);
    const name = `aiw_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
    return name;
  };
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const config = args[0] as QueryConfig | string;
      if (config && typeof config === "object" && typeof config.text === "string" && !config.name) {
        // Statements without parameters may hold several commands, which a prepared statement cannot.
        // Drizzle passes the values as the second argument; other callers put them in the config.
        const values = Array.isArray(args[1]) ? args[1] : config.values;
        const hasValues = Array.isArray(values) && values.length > 0;
        const name = hasValues ? nameFor(config.text) : undefined;
        if (name) args[0] = { ...config, name };
      }
      return original(...args);
    };
  });
}
