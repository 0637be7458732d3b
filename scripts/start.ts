/**
 * `npm start`: check the configuration, build for production when the build is missing or older than
 * the sources, then serve (scripts/serve.ts). One command for a newcomer on a fresh machine.
 */
import { spawnSync } from "node:child_process";
import { buildIsCurrent, nextBin, ROOT } from "./build-state";
import { loadConfigOrExit, serve } from "./serve";

loadConfigOrExit();
if (!buildIsCurrent()) {
  console.log("Building AI Whisperers for production (about a minute on a fresh machine)...");
  const result = spawnSync(process.execPath, [nextBin(), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
serve().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
