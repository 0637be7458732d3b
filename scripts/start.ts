/**
 * `npm start`: check the configuration, build for production when the build is missing or older than
 * the sources, then serve (scripts/serve.ts). One command for a newcomer on a fresh machine.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadConfigOrExit, serve } from "./serve";

const root = path.resolve(__dirname, "..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  const inputs = ["src", "public", "drizzle"].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  const sources = Math.max(
    ...inputs.map(newestMtime),
    ...["package-lock.json", "next.config.ts"].map((f) => fs.statSync(path.join(root, f)).mtimeMs),
  );
  return sources <= built;
}

loadConfigOrExit();
if (!buildIsCurrent()) {
  console.log("Building AI Whisperers for production (about a minute on a fresh machine)...");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
serve();
