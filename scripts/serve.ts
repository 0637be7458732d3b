/** `npm run serve`: serve an existing production build with the host and port the configuration says. */
import { spawn } from "node:child_process";
import { EnvError, loadEnv, type Env } from "../src/server/env";
import { nextBin, ROOT } from "./build-state";

export function loadConfigOrExit(): Env {
  try {
    return loadEnv(process.env);
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(`\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

export function serve() {
  const env = loadConfigOrExit();
  const child = spawn(process.execPath, [nextBin(), "start", "-H", env.host, "-p", String(env.port)], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      // Auth.js behind `next start`: links come from APP_URL, never from the Host header.
      AUTH_URL: env.appUrl,
      AUTH_TRUST_HOST: "true",
    },
  });
  if (env.isDemo) {
    console.log(`\nAI Whisperers (demo mode) is starting at ${env.appUrl}\n`);
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (require.main === module) serve();
