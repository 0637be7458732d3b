import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "./env";

/**
 * AUTH_SECRET: from the environment, or (demo mode only) generated once and kept in
 * `<DATA_DIR>/auth-secret` so sessions survive restarts. Production never generates one.
 */
export function getAuthSecret(): string {
  const env = getEnv();
  if (env.authSecret) return env.authSecret;
  if (!env.isDemo) throw new Error("AUTH_SECRET is required in production mode.");
  const file = path.join(env.dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another caller won the race
    }
  }
}
