/** `npm run serve`: serve an existing production build with the host and port the configuration says. */
import { spawn } from "node:child_process";
import path from "node:path";
import { EnvError, loadEnv, type Env } from "../src/server/env";

const root = path.resolve(__dirname, "..");

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
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-H", env.host, "-p", String(env.port)],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        // Auth.js behind `next start`: links come from APP_URL, never from the Host header.
        AUTH_URL: env.appUrl,
        AUTH_TRUST_HOST: "true",
      },
    },
  );
  if (env.isDemo) {
    console.log(`\nAI Whisperers (demo mode) is starting at ${env.appUrl}\n`);
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (require.main === module) serve();
