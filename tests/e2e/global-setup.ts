import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { buildIsCurrent, nextBin, ROOT } from "../../scripts/build-state";
import { CHROMIUM } from "./helpers/browser";

/** Chromium present (installed from Debian's packages when we are root), and a current production build. */
export default function setup() {
  if (!fs.existsSync(CHROMIUM)) {
    const isRoot = process.getuid?.() === 0;
    if (!isRoot || !fs.existsSync("/usr/bin/apt-get")) {
      throw new Error(
        `Browser tests need Chromium at ${CHROMIUM}: sudo apt-get install -y --no-install-recommends chromium`,
      );
    }
    console.log("Installing Chromium from Debian's packages for the browser tests...");
    for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
      const r = spawnSync("apt-get", args, {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
      if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed; install Chromium by hand.`);
    }
  }
  if (!buildIsCurrent()) {
    console.log("No current production build: running next build...");
    const r = spawnSync(process.execPath, [nextBin(), "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (r.status !== 0) throw new Error("next build failed");
  }
}
