import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ROOT } from "../../../scripts/build-state";
import { adminUrl, databaseUrlFor } from "../../helpers/pg-urls";

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  logs: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A child process's whole environment (Next's types insist on NODE_ENV, which we leave unset). */
export const childEnv = (env: Record<string, string>) => env as unknown as NodeJS.ProcessEnv;

/** Only what a server needs from the outer environment; the rest is given per test. */
function baseEnv(): Record<string, string> {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG"];
  return Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
}

/** The platform's own server (scripts/serve.ts, what `npm run serve` runs) on the current production build. */
export function spawnNext(env: Record<string, string>, port: number, host = "127.0.0.1"): ChildProcess {
  return spawn(
    process.execPath,
    [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/serve.ts"],
    {
      cwd: ROOT,
      env: childEnv({
        ...baseEnv(),
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        HOST: host,
        PORT: String(port),
        ...env,
      }),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

/** Starts the platform's server on a free port with a temporary data directory; resolves once /api/health answers. */
export async function startServer(
  env: Record<string, string> = {},
  opts: { expectHealthy?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "aiw-e2e-"));
  const url = `http://localhost:${port}`;
  const child = spawnNext({ APP_URL: url, PORT: String(port), DATA_DIR: dataDir, ...env }, port);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200 || (opts.expectHealthy === false && res.status === 503)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    dataDir,
    process: child,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (!env.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for a process to exit; returns its code and everything it printed. */
export function waitForExit(
  child: ChildProcess,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`process still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * With DATABASE_URL (the PostgreSQL pass), e2e servers run on a fresh database of that server; otherwise on
 * the embedded database. `create(template)` makes it: a copy of the booted demo template (the global setup's,
 * see tests/e2e/global-setup.ts) or, without one, an empty database. Returns the env to add and a cleanup.
 */
export async function databaseForServer(): Promise<{
  env: Record<string, string>;
  create: (template: string | null) => Promise<void>;
  drop: () => Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { env: {}, create: async () => {}, drop: async () => {} };
  const name = `aiw_e2e_${process.pid}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: adminUrl(serverUrl) });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    env: { APP_MODE: "demo", DATABASE_URL: databaseUrlFor(serverUrl, name) },
    create: (template) =>
      admin(async (c) => {
        await c.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
      }),
    drop: () =>
      admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
