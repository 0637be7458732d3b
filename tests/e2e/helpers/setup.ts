import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { launchBrowser } from "./browser";
import { databaseForServer, startServer, type RunningServer } from "./server";

/** The server's settings, or a function of the database settings (the PostgreSQL pass has some). */
export type ServerEnv =
  | Record<string, string>
  | ((databaseEnv: Record<string, string>) => Record<string, string> | Promise<Record<string, string>>);

/**
 * A database for the server (a fresh one on the PostgreSQL pass, the embedded one otherwise), then the
 * production build served on it. `stop()` stops the server and then drops that database.
 *
 * A server in demo mode starts from a copy of the template the global setup booted once (migrated, demo data
 * seeded): the same state a first boot reaches, without paying for it in every file. Any other mode starts
 * from nothing, as a deployment does.
 */
export async function startE2eServer(
  env: ServerEnv = {},
  opts: {
    expectHealthy?: boolean;
    /** Settings made from the database's own (for example DATABASE_URL through a pooler). */
    fromDatabase?: (databaseEnv: Record<string, string>) => Record<string, string>;
  } = {},
): Promise<RunningServer & { databaseUrl?: string }> {
  const database = await databaseForServer();
  // A settings function may prepare the database itself (migrations as a deploy step): it gets an empty one.
  if (typeof env === "function") await database.create(null);
  let full: Record<string, string>;
  try {
    full = typeof env === "function" ? await env(database.env) : { ...database.env, ...env };
    if (opts.fromDatabase) full = { ...full, ...opts.fromDatabase(database.env) };
  } catch (e) {
    await database.drop();
    throw e;
  }
  const template =
    typeof env !== "function" && (full.APP_MODE ?? "demo") === "demo" && !full.DATA_DIR
      ? inject("e2eTemplate")
      : "";
  let dataDir: string | undefined;
  let server: RunningServer;
  try {
    if (typeof env !== "function") await database.create(template || null);
    if (template && !process.env.DATABASE_URL) {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aiw-e2e-"));
      fs.cpSync(template, dataDir, { recursive: true });
    }
    server = await startServer(dataDir ? { ...full, DATA_DIR: dataDir } : full, opts);
  } catch (e) {
    await database.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    ...server,
    databaseUrl: database.env.DATABASE_URL,
    stop: async () => {
      await server.stop();
      await database.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface E2e {
  /** The running server (available inside tests and hooks that run after the file's setup). */
  readonly server: RunningServer;
  /** Headless Chromium, shared by the file's tests (each test opens its own context or page). */
  readonly browser: Browser;
}

/**
 * The usual end-to-end setup for a test file, wired into its beforeAll/afterAll: a server from
 * `startE2eServer(env)` and, unless `browser: false`, a browser. Call it once at the top of the file.
 */
export function setupE2e(opts: { env?: ServerEnv; browser?: boolean } = {}): E2e {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startE2eServer(opts.env);
    if (opts.browser !== false) browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error("setupE2e: the server starts in beforeAll; use it inside tests");
      return server;
    },
    get browser() {
      if (!browser) {
        throw new Error(
          opts.browser === false
            ? "setupE2e({ browser: false }): this file has no shared browser"
            : "setupE2e: the browser starts in beforeAll; use it inside tests",
        );
      }
      return browser;
    },
  };
}
