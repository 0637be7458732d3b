/**
 * `npm run db:push [-- --force]`: development only. Pushes the schema straight to a database without a
 * migration; refused on a database that has migrations applied (it would diverge from them) unless --force.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pgliteDir } from "../src/server/db/client";
import { migrationStatus } from "../src/server/db/migrate";
import { cliEnv, describeTarget, fail, openCliDatabase, run } from "./cli";

run(async () => {
  const env = cliEnv();
  const force = process.argv.includes("--force");
  if (!env.isDemo)
    fail("db:push is for development only and refuses in production mode: use db:generate and db:migrate.");
  const database = await openCliDatabase(env);
  const { applied } = await migrationStatus(database);
  if (database.kind === "pglite") await database.close(); // drizzle-kit opens it itself below
  if (applied > 0 && !force) {
    if (database.kind === "postgres") await database.close();
    fail(
      `${describeTarget(env)} has ${applied} migrations applied; pushing would make it diverge from them.\n` +
        "Create a migration instead (npm run db:generate, then npm run db:migrate), or pass --force.",
    );
  }
  const root = path.resolve(__dirname, "..");
  const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aiw-push-")), "drizzle.config.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      dialect: "postgresql",
      schema: path.join(root, "src/server/db/schema/index.ts"),
      ...(env.databaseUrl
        ? { dbCredentials: { url: env.databaseUrl } }
        : { driver: "pglite", dbCredentials: { url: pgliteDir(env.dataDir) } }),
    }),
  );
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/drizzle-kit/bin.cjs"), "push", "--config", config, "--force"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (database.kind === "postgres") await database.close();
  if (result.status !== 0) fail("drizzle-kit push failed (see above).");
});
