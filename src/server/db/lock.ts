import fs from "node:fs";
import path from "node:path";

/**
 * PGlite is strictly one process: a second process opening the same data directory silently
 * loses committed rows. Whoever opens it holds `<dir>.lock` containing its pid; anyone else
 * refuses with a clear message while that process lives.
 */

export class DataDirLockedError extends Error {
  constructor(
    public readonly dir: string,
    public readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by another process (pid ${pid}), probably a running ` +
        "AI Whisperers server. Stop it first (or use the running server), then try again.",
    );
    this.name = "DataDirLockedError";
  }
}

const lockPath = (dir: string) => `${dir.replace(/[\\/]+$/, "")}.lock`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDataDir(dir: string): () => void {
  const file = lockPath(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
      if (pid === process.pid)
        throw new Error(`The embedded database in ${dir} is already open in this process.`);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      fs.rmSync(file, { force: true }); // stale lock of a process that died
    }
  }
  throw new Error(`Could not lock ${file}.`);
}
