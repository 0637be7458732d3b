import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./server";

/**
 * PgBouncer (Debian's package) on loopback in transaction mode, in front of the PostgreSQL server at
 * `target` (host:port), for the pooler test. It refuses to run as root, so as root it runs as `postgres`.
 * `stop()` ends it and deletes its directory.
 */
export interface Pooler {
  port: number;
  /** `url` with its host and port replaced by the pooler's. */
  through: (url: string) => string;
  log: () => string;
  stop: () => Promise<void>;
}

export const PGBOUNCER = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((p) => fs.existsSync(p));

export async function startPgBouncer(target: { host: string; port: number }): Promise<Pooler> {
  if (!PGBOUNCER) {
    throw new Error("pgbouncer is not installed: apt-get install -y pgbouncer (.ci/run installs it)");
  }
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aiw-pgbouncer-"));
  const port = await freePort();
  const logFile = path.join(dir, "pgbouncer.log");
  fs.writeFileSync(path.join(dir, "userlist.txt"), '"postgres" ""\n');
  fs.writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${target.host} port=${target.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      "default_pool_size = 8",
      "max_client_conn = 200",
      // node-postgres sends these; PgBouncer must let them through.
      "ignore_startup_parameters = extra_float_digits,options",
      `logfile = ${logFile}`,
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      "",
    ].join("\n"),
  );
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const args = [path.join(dir, "pgbouncer.ini")];
  const child: ChildProcess = asRoot
    ? spawn("runuser", ["-u", "postgres", "--", PGBOUNCER, ...args], { stdio: "ignore" })
    : spawn(PGBOUNCER, args, { stdio: "ignore" });
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => {
        s.end();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`pgbouncer did not start:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    through: (url) => {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    log,
    stop: async () => {
      const exited = new Promise<void>((r) =>
        child.exitCode !== null ? r() : child.once("exit", () => r()),
      );
      child.kill("SIGTERM");
      // runuser passes the signal on; PgBouncer exits at once on SIGTERM in 1.18 (SIGINT is the "safe" one).
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
