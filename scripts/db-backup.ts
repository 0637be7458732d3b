/** `npm run db:backup [-- --out FILE] [--pg-bin DIR]`: a dump plus its manifest (see docs/operations.md). */
import path from "node:path";
import { parseArgs } from "node:util";
import {
  backupPglite,
  backupPostgres,
  BackupError,
  defaultBackupPath,
  manifestPathFor,
} from "../src/server/db/backup";
import { DataDirLockedError } from "../src/server/db/lock";
import { UnsupportedPostgresError } from "../src/server/db/version";
import { cliEnv, describeTarget, fail, run } from "./cli";

run(async () => {
  const env = cliEnv();
  const { values } = parseArgs({ options: { out: { type: "string" }, "pg-bin": { type: "string" } } });
  const out = path.resolve(values.out ?? defaultBackupPath(env.databaseUrl ? "postgres" : "pglite"));
  try {
    const manifest = env.databaseUrl
      ? await backupPostgres({ url: env.databaseUrl, out, pgBinDir: values["pg-bin"] })
      : await backupPglite({ dataDir: env.dataDir, out });
    const tables = Object.values(manifest.tables);
    console.log(
      `Backed up ${describeTarget(env)} (PostgreSQL ${manifest.server.version}) to ${out}\n` +
        `  ${manifest.dump.bytes} bytes, ${tables.length} tables, ${tables.reduce((a, t) => a + t.rows, 0)} rows, ` +
        `${manifest.migrations.applied} of ${manifest.migrations.known} migrations applied\n` +
        `  manifest: ${manifestPathFor(out)}`,
    );
  } catch (e) {
    if (e instanceof BackupError || e instanceof DataDirLockedError || e instanceof UnsupportedPostgresError)
      fail(e.message);
    throw e;
  }
});
