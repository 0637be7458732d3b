import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { databaseForServer, startServer, type RunningServer } from "./server";

/** The server's settings, or a function of the database settings (the PostgreSQL pass has some). */
export type ServerEnv =
  | Record<string, string>
  | ((databaseEnv: Record<string, string>) => Record<string, string> | Promise<Record<string, string>>);

/**
 * A database for the server (a fresh one on the PostgreSQL pass, the embedded one otherwise), then the
 * production build served on it. `stop()` stops the server and then drops that database.
 */
export async function startE2eServer(
  env: ServerEnv = {},
  opts: { expectHealthy?: boolean } = {},
): Promise<RunningServer> {
  const database = await databaseForServer();
  let server: RunningServer;
  try {
    server = await startServer(
      typeof env === "function" ? await env(database.env) : { ...database.env, ...env },
      opts,
    );
  } catch (e) {
    await database.drop();
    throw e;
  }
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await database.drop();
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
