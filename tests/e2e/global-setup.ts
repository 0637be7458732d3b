import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { adminUrl, databaseUrlFor } from "../helpers/pg-urls";
import { startServer } from "./helpers/server";
import { buildIsCurrent, nextBin, ROOT } from "../../scripts/build-state";
import { CHROMIUM } from "./helpers/browser";

/** Chromium present (installed from Debian's packages when we are root), and a current production build. */
export default async function setup(project: TestProject) {
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
  return prepareTemplate(project);
}

/**
 * Boots the production build once in demo mode (migrations, demo data) and stops it: the state every demo
 * server of the run starts from (a copied data directory, or a database made with TEMPLATE on the
 * PostgreSQL pass). Removed when the run ends.
 */
async function prepareTemplate(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `aiw_e2e_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = async (query: string) => {
      const c = new pg.Client({ connectionString: adminUrl(serverUrl) });
      await c.connect();
      try {
        await c.query(query);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    try {
      const server = await startServer({ APP_MODE: "demo", DATABASE_URL: databaseUrlFor(serverUrl, name) });
      await server.stop();
    } catch (e) {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      throw e;
    }
    project.provide("e2eTemplate", name);
    return () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aiw-e2e-template-"));
  const server = await startServer({ DATA_DIR: dir });
  await server.stop();
  project.provide("e2eTemplate", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A booted demo database to copy: a PGlite data directory, or a database name on the PostgreSQL pass. */
    e2eTemplate: string;
  }
}
