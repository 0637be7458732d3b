/**
 * `npm run db:restore -- FILE [--manifest FILE] [--pg-bin DIR]`: restores a db:backup into an EMPTY database
 * (DATABASE_URL) or an empty DATA_DIR, then compares every table with the manifest; exit 1 on any mismatch.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { BackupError, formatReport, restorePglite, restorePostgres } from "../src/server/db/backup";
import { DataDirLockedError } from "../src/server/db/lock";
import { UnsupportedPostgresError } from "../src/server/db/version";
import { cliEnv, describeTarget, fail, run } from "./cli";

run(async () => {
  const env = cliEnv();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { manifest: { type: "string" }, "pg-bin": { type: "string" } },
  });
  if (positionals.length !== 1)
    fail("Usage: npm run db:restore -- <backup file> [--manifest FILE] [--pg-bin DIR]");
  const file = path.resolve(positionals[0]!);
  const manifest = values.manifest ? path.resolve(values.manifest) : undefined;
  try {
    const report = env.databaseUrl
      ? await restorePostgres({ url: env.databaseUrl, file, manifest, pgBinDir: values["pg-bin"] })
      : await restorePglite({ dataDir: env.dataDir, file, manifest });
    console.log(`Restored ${file} into ${describeTarget(env)} (PostgreSQL ${report.server}).\n`);
    console.log(formatReport(report).join("\n"));
    if (!report.ok) {
      fail(
        "The restored database does NOT match the backup's manifest (see MISMATCH above). Do not put it into " +
          "service; keep it for inspection and restore again from another backup.",
      );
    }
    console.log(
      "\nEvery table matches the manifest. Next: `npm run db:migrate` (applies migrations newer than the " +
        "backup, if any), then `npm run db:health`.",
    );
  } catch (e) {
    if (e instanceof BackupError || e instanceof DataDirLockedError || e instanceof UnsupportedPostgresError)
      fail(e.message);
    throw e;
  }
});
