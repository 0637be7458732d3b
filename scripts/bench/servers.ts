import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A server the bench started: loopback only, stopped by the bench (or killed when the bench exits). */
export interface BenchServer {
  name: "ceiling" | "platform";
  /** Where the load generator connects. */
  url: string;
  /** The public origin the server believes it has (Origin header for cookie-carrying writes). */
  origin: string;
  child: ChildProcess;
  logFile: string;
  stop: () => Promise<void>;
}

const started = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Whatever happens to the bench, its servers do not outlive it. */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of started)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers`);
      process.exit(130);
    });
  }
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

/** Only what a server needs from the outer environment. */
function baseEnv(extraPath?: string): Record<string, string> {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ"];
  const env = Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  if (extraPath) env.PATH = `${extraPath}${path.delimiter}${env.PATH ?? ""}`;
  return env;
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

async function launch(
  name: BenchServer["name"],
  command: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; port: number; origin: string; healthTimeoutMs: number },
): Promise<BenchServer> {
  installExitHook();
  const logFile = path.join(os.tmpdir(), `aiw-bench-${name}-${process.pid}.log`);
  const log = fs.openSync(logFile, "w");
  const env = opts.env as unknown as NodeJS.ProcessEnv;
  const child = spawn(command, args, { cwd: opts.cwd, env, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  started.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    }
    started.delete(child);
  };
  const deadline = Date.now() + opts.healthTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the ${name} server exited early (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the ${name} server did not become healthy in time:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name, url, origin: opts.origin, child, logFile, stop };
}

export async function startCeiling(opts: {
  root: string;
  databaseUrl: string;
  poolSize: number;
}): Promise<BenchServer> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  return launch(
    "ceiling",
    process.execPath,
    ["--import", "tsx", path.join(opts.root, "scripts/bench/ceiling.ts")],
    {
      cwd: opts.root,
      env: {
        ...baseEnv(),
        DATABASE_URL: opts.databaseUrl,
        CEILING_PORT: String(port),
        CEILING_POOL_SIZE: String(opts.poolSize),
        APP_URL: origin,
      },
      port,
      origin,
      healthTimeoutMs: 30_000,
    },
  );
}

/**
 * The platform as `npm run serve` starts it, in production mode: its package.json's `serve` script is read at
 * run time (a plain `node …` line is started directly, so the measured process is the server itself; anything
 * else runs under `sh -c exec …` with node_modules/.bin on the PATH, as npm would).
 */
export async function startPlatform(opts: {
  appDir: string;
  databaseUrl: string;
  poolSize: number;
  logLevel: string;
}): Promise<BenchServer & { command: string }> {
  const pkg = JSON.parse(fs.readFileSync(path.join(opts.appDir, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.serve;
  if (!script) throw new Error(`${opts.appDir}/package.json has no "serve" script`);
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const plain = /^node(\s+[^\s"'`$&|;<>()\\]+)+$/.test(script.trim());
  const [command, args] = plain
    ? [process.execPath, script.trim().split(/\s+/).slice(1)]
    : ["/bin/sh", ["-c", `exec ${script}`]];
  const server = await launch("platform", command, args, {
    cwd: opts.appDir,
    env: {
      ...baseEnv(path.join(opts.appDir, "node_modules", ".bin")),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_MODE: "production",
      DATABASE_URL: opts.databaseUrl,
      DATABASE_POOL_SIZE: String(opts.poolSize),
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: origin,
      // Production refuses to start without its real settings; these are never used by the measured paths
      // (nobody signs in by e-mail during the bench: the sessions exist already).
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      CERTIFICATE_SIGNING_KEY: randomBytes(32).toString("base64"),
      EMAIL_SERVER: "smtp://127.0.0.1:9",
      EMAIL_FROM: "bench@localhost",
      LOG_LEVEL: opts.logLevel,
      // Sign-in limits raised out of the way (the hot paths have none).
      RATE_LIMIT_SIGNIN_PER_ADDRESS: "1000000000",
      RATE_LIMIT_SIGNIN_PER_CLIENT: "1000000000",
    },
    port,
    origin,
    healthTimeoutMs: 120_000,
  });
  return { ...server, command: plain ? `node ${args.join(" ")}` : `sh -c "exec ${script}"` };
}

/** Resident memory of a process and its descendants, in bytes (/proc/<pid>/status VmRSS), or 0 if gone. */
export function treeRss(pid: number | undefined): number {
  if (!pid) return 0;
  let total = 0;
  const seen = new Set<number>();
  const visit = (p: number) => {
    if (seen.has(p)) return;
    seen.add(p);
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      if (kb) total += Number(kb[1]) * 1024;
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      // the process is gone
    }
  };
  visit(pid);
  return total;
}

/** Samples a server's resident memory at an interval: the peak since the last reset, and the overall one. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  peak = 0;
  max = 0;
  last = 0;

  constructor(
    private readonly pid: number | undefined,
    private readonly everyMs = 250,
  ) {}

  sample(): number {
    this.last = treeRss(this.pid);
    this.peak = Math.max(this.peak, this.last);
    this.max = Math.max(this.max, this.last);
    return this.last;
  }

  start() {
    this.sample();
    this.timer ??= setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  resetPeak(): number {
    const peak = this.peak;
    this.peak = this.sample();
    return peak;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
