import fs from "node:fs";
import { getEnv } from "./env";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function threshold(): number {
  try {
    return ORDER[getEnv().logLevel];
  } catch {
    return ORDER.info;
  }
}

function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  const out: Record<string, unknown> = { errorName: err.name, errorMessage: err.message, stack: err.stack };
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    out.cause = { name: cause.name, message: cause.message, code: (cause as { code?: unknown }).code };
  }
  return out;
}

/**
 * Info and debug lines are written in batches: one write per turn of the event loop instead of one
 * synchronous write per line (stdout to a file or terminal is synchronous in Node, and a line per request was
 * a measurable share of the API's time). Flushed before the process exits; warnings and errors go out at once.
 */
const pending: string[] = [];
let pendingBytes = 0;
let scheduled = false;

function flush(sync = false) {
  scheduled = false;
  if (pending.length === 0) return;
  const chunk = pending.join("");
  pending.length = 0;
  pendingBytes = 0;
  // At exit a pipe's asynchronous write would be lost.
  if (sync) fs.writeSync(1, chunk);
  else process.stdout.write(chunk);
}

const FLUSH_KEY = Symbol.for("ai-whisperers.log-flush");
const holder = globalThis as { [FLUSH_KEY]?: Set<(sync: boolean) => void> };
if (!holder[FLUSH_KEY]) {
  holder[FLUSH_KEY] = new Set();
  const flushers = holder[FLUSH_KEY];
  process.once("exit", () => {
    for (const f of flushers) f(true);
  });
}
holder[FLUSH_KEY].add(flush);

function writeOut(line: string) {
  pending.push(line);
  pendingBytes += line.length;
  if (pendingBytes > 64 * 1024) flush();
  else if (!scheduled) {
    scheduled = true;
    setImmediate(() => flush());
  }
}

/** One JSON object per line on stdout (stderr for errors), for any log collector. */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}) {
  if (ORDER[level] < threshold()) return;
  const { err, ...rest } = fields;
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    msg,
    ...rest,
    ...(err === undefined ? {} : serializeError(err)),
  });
  if (level === "error" || level === "warn") {
    flush();
    process.stderr.write(line + "\n");
  } else writeOut(line + "\n");
}

export const logger = {
  debug: (msg: string, fields?: Record<string, unknown>) => log("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => log("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => log("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => log("error", msg, fields),
};
