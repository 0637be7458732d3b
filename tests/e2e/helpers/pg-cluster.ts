import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./server";

/**
 * A throwaway PostgreSQL cluster of its own (initdb in a temporary directory, 127.0.0.1 on a free port,
 * its socket in that directory), for tests that stop and restart the database. Never the shared server.
 * initdb refuses to run as root, so as root every server command runs as the `postgres` OS user.
 */
export interface PgCluster {
  port: number;
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  start(): void;
  /** `pg_ctl stop -m <mode>` (waits until the server is down). */
  stop(mode: "smart" | "fast" | "immediate"): void;
  restart(mode: "smart" | "fast" | "immediate"): void;
  /** Stops the cluster (immediately) and deletes its directory. */
  destroy(): void;
  log(): string;
}

const VERSIONS_DIR = "/usr/lib/postgresql";

/** The newest installed server's bin directory (15 on the CI machine), or undefined. */
export function postgresBinDir(): string | undefined {
  if (!fs.existsSync(VERSIONS_DIR)) return undefined;
  const versions = fs
    .readdirSync(VERSIONS_DIR)
    .filter((v) => fs.existsSync(path.join(VERSIONS_DIR, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(VERSIONS_DIR, versions[0], "bin") : undefined;
}

/**
 * `replicaOf`: instead of a new cluster, a streaming replica (hot standby) of that running cluster, made with
 * `pg_basebackup -R` (the primary's initdb allows replication connections from 127.0.0.1 with trust).
 */
export async function createPgCluster(opts: { replicaOf?: PgCluster } = {}): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`No PostgreSQL server binaries under ${VERSIONS_DIR}`);
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aiw-pgcluster-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    fs.chownSync(dir, uid, gid);
  }
  fs.chmodSync(dir, 0o700);
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const run = (tool: string, args: string[]) => {
    const cmd = path.join(bin, tool);
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
    try {
      execFileSync(file, argv, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
    } catch (e) {
      const err = e as { stderr?: Buffer; stdout?: Buffer };
      throw new Error(
        `${tool} ${args.join(" ")} failed: ${err.stderr?.toString() ?? ""}${err.stdout?.toString() ?? ""}\n` +
          readLog(),
      );
    }
  };
  const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");

  if (opts.replicaOf) {
    run("pg_basebackup", [
      ...["-h", "127.0.0.1", "-p", String(opts.replicaOf.port), "-U", "postgres"],
      ...["-D", data, "-R", "-X", "stream", "--no-sync", "-c", "fast"],
    ]);
  } else {
    run("initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "-A",
      "trust",
      "--no-sync",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
    ]);
  }
  const port = await freePort();
  fs.appendFileSync(
    path.join(data, "postgresql.conf"),
    [
      "",
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${dir}'`,
      "max_connections = 50",
      "shared_buffers = 32MB",
      "logging_collector = off",
      "",
    ].join("\n"),
  );
  const ctl = (...args: string[]) => run("pg_ctl", ["-D", data, "-l", logFile, "-w", "-t", "30", ...args]);
  ctl("start");
  let destroyed = false;
  return {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: () => ctl("start"),
    stop: (mode) => ctl("stop", "-m", mode),
    restart: (mode) => ctl("restart", "-m", mode),
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      try {
        ctl("stop", "-m", "immediate");
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
    log: readLog,
  };
}
