import { resetEnvCache } from "../../src/server/env";

const original = { ...process.env };

/**
 * Changes settings for the rest of a test file (the platform reads them again): `undefined` removes one. Each
 * test file runs in its own worker, so nothing leaks into other files; `restoreEnv` undoes it within one.
 */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

export function restoreEnv(): void {
  for (const k of Object.keys(process.env)) if (!(k in original)) delete process.env[k];
  Object.assign(process.env, original);
  resetEnvCache();
}
