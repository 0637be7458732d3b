import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when .next holds a production build at least as new as every input of the build. */
export function buildIsCurrent(root = ROOT): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  const dirs = ["src", "public", "drizzle"].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  const files = ["package-lock.json", "next.config.ts", "postcss.config.mjs"].map((f) => path.join(root, f));
  const sources = Math.max(
    ...dirs.map(newestMtime),
    ...files.filter(fs.existsSync).map((f) => fs.statSync(f).mtimeMs),
  );
  return sources <= built;
}

export const nextBin = (root = ROOT) => path.join(root, "node_modules", "next", "dist", "bin", "next");
