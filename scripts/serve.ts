/**
 * `npm run serve`: the platform's one server process, for an existing production build: the lean HTTP layer
 * (src/server/http/lean-server.ts) in front of Next.js's request handler (a documented Next.js custom server).
 * - the JSON API and the registry's other routes run without Next.js; anonymous public pages come from the
 *   page cache, emptied on every instance within a second of a change (src/server/db/content-changes.ts);
 * - the client's address, from the socket and the trusted proxy hops (src/server/http/client-address.ts),
 *   handed on in its own header after removing any client-sent copy;
 * - graceful shutdown: on SIGTERM/SIGINT it stops accepting, lets in-flight requests finish (bounded), stops
 *   the scheduled jobs and closes the database, then exits.
 */
import "./server-only-stub";
import http from "node:http";
import { watchContentChanges, type ContentWatcher } from "../src/server/db/content-changes";
import { getDatabase } from "../src/server/db";
import { startServer } from "../src/server/startup";
import { EnvError, loadEnv, type Env } from "../src/server/env";
import { clientIpProof } from "../src/server/http/client-address";
import { createLeanServer } from "../src/server/http/lean-server";
import { PageCache } from "../src/server/http/page-cache";
import { allOperations } from "../src/server/http/registry";
import { invalidateWebhookSubscriptions, watchWebhookSubscriptions } from "../src/server/integrations/events";
import { ROOT } from "./build-state";

export function loadConfigOrExit(): Env {
  try {
    return loadEnv(process.env);
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(`\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** How long in-flight requests may take to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function serve() {
  const env = loadConfigOrExit();
  // Next.js's production server; Auth.js follows APP_URL, never the Host header (docs/decisions.md).
  (process.env as Record<string, string>).NODE_ENV = "production";
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.AUTH_URL = env.appUrl;
  process.env.AUTH_TRUST_HOST = "true";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: ROOT, hostname: env.host, port: env.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Configuration checks, migrations and the demo data (demo mode), the jobs — before the first request, which
  // may never reach Next.js (and its instrumentation hook) now that the lean server answers the API.
  await startServer();

  const cache = env.pageCache.maxEntries > 0 ? new PageCache(env.pageCache) : null;
  // One watcher of content changes: it empties the page cache and the webhook subscriptions this process
  // remembers (src/server/integrations/events.ts), which are trusted only while it runs.
  const database = await getDatabase();
  const watcher: ContentWatcher = await watchContentChanges(database, () => {
    cache?.clear();
    invalidateWebhookSubscriptions();
  });
  watchWebhookSubscriptions(() => database.db);
  let inFlight = 0;
  let closing = false;
  const lean = createLeanServer({
    env,
    next: handle,
    operations: allOperations,
    proof: clientIpProof(true)!,
    cache,
    selfAddress: () => {
      const a = server.address();
      return a && typeof a === "object" ? { host: a.address, port: a.port } : null;
    },
  });
  const server = http.createServer((req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
    });
    if (closing) res.setHeader("connection", "close");
    lean(req, res).catch((e: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: "request failed", error: String(e) }));
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal error");
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(JSON.stringify({ level: "info", msg: "shutting down", signal, inFlight }));
    // Stop accepting. Node's close() would also cut connections whose request has not been read yet (they
    // look idle): keep them, so a request the client already sent is answered; each answer says
    // "Connection: close", and whatever is left is cut once the in-flight requests are done (bounded).
    server.closeIdleConnections = () => {};
    server.close();
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    await new Promise((r) => setTimeout(r, 250));
    while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // Answered connections close themselves ("Connection: close"); give them a moment to flush.
    const flushBy = Math.min(deadline, Date.now() + 1000);
    while (sockets.size > 0 && Date.now() < flushBy) {
      for (const socket of sockets) if (!(socket as { _httpMessage?: unknown })._httpMessage) socket.end();
      await new Promise((r) => setTimeout(r, 25));
    }
    server.closeAllConnections();
    try {
      await watcher?.close();
      // Loaded by Next.js's bundle in this process: the same global instances (jobs, database).
      const holder = globalThis as { [k: symbol]: unknown };
      const stopJobs = holder[Symbol.for("ai-whisperers.stop-jobs")] as (() => void) | undefined;
      stopJobs?.();
      const database = holder[Symbol.for("ai-whisperers.database")] as
        Promise<{ close: () => Promise<void> }> | undefined;
      if (database) await (await database).close();
    } catch (e) {
      console.error(JSON.stringify({ level: "error", msg: "shutdown cleanup failed", error: String(e) }));
    }
    console.log(JSON.stringify({ level: "info", msg: "stopped", unfinished: inFlight }));
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.port, env.host, resolve);
  });
  if (env.isDemo) console.log(`\nAI Whisperers (demo mode) is running at ${env.appUrl}\n`);
  else console.log(JSON.stringify({ level: "info", msg: "listening", host: env.host, port: env.port }));
}

if (require.main === module) {
  serve().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  });
}
