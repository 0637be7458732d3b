// `npm test`: every test — unit and integration (Vitest, on PGlite, or on PostgreSQL when DATABASE_URL is
// set), then end-to-end against the production build in headless Chromium. Extra arguments go to both.
import { spawnSync } from "node:child_process";

const vitest = ["node_modules/vitest/vitest.mjs", "run"];
const steps = [
  ["unit and integration tests", [...vitest, ...process.argv.slice(2)]],
  ["end-to-end tests", [...vitest, "--config", "vitest.e2e.config.ts", ...process.argv.slice(2)]],
];
// CI runs two passes side by side and starts one with the end-to-end tests, so that each pass's unit tests
// (CPU-bound) meet the other's browser tests (mostly waiting) rather than each other.
if (process.env.TEST_E2E_FIRST === "1") steps.reverse();
let failed = 0;
for (const [name, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}${process.env.DATABASE_URL ? " (PostgreSQL)" : " (PGlite)"}`);
  const result = spawnSync(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  console.log(
    `◀ ${name}: ${result.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
