import "server-only";
import { getDatabase } from "./db";
import { migrateDatabase, migrationStatus } from "./db/migrate";
import { checkAppRolePrivileges } from "./db/roles";
import { assertSupportedPostgres, UnsupportedPostgresError } from "./db/version";
import { seedIfEmpty } from "./db/seed";
import { applyAuthEnvironment, EnvError, getEnv, isBuildPhase, type Env } from "./env";
import { logger } from "./log";
import { getAuthSecret } from "./secrets";

const STARTED = Symbol.for("ai-whisperers.started");

/**
 * Server start-up, once per process: the platform's server (scripts/serve.ts) runs it before it listens, and
 * Next.js's instrumentation hook — which loads its own copy of this module, later — finds it done (the promise
 * lives on globalThis) instead of running it again.
 */
export function startServer(): Promise<void> {
  const holder = globalThis as { [STARTED]?: Promise<void> };
  holder[STARTED] ??= startOnce();
  return holder[STARTED];
}

/** Refuse a bad configuration, prepare the embedded database in demo mode, schedule the jobs. */
async function startOnce() {
  // `next build` also loads instrumentation in its workers: never open the database there.
  if (isBuildPhase()) return;
  let env: Env;
  try {
    env = getEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      process.stderr.write(`\n${e.message}\n\n`);
      logger.error("configuration refused", { problems: e.problems });
      process.exit(1);
    }
    throw e;
  }
  if (env.isDemoExposed) process.stderr.write(exposedDemoWarning(env));
  applyAuthEnvironment(env, getAuthSecret());
  try {
    const database = await getDatabase();
    if (env.isDemo) {
      // PGlite was migrated when it opened; a demo on a PostgreSQL server is migrated here.
      if (database.kind === "postgres") await migrateDatabase(database);
      if (await seedIfEmpty(database, { appUrl: env.appUrl, currency: env.currency })) {
        logger.info("demo data loaded (first start)");
      }
    } else {
      // PostgreSQL 15 is the floor (NULLS NOT DISTINCT): an older server is refused with a clear message.
      try {
        await assertSupportedPostgres(database.db);
      } catch (e) {
        if (e instanceof UnsupportedPostgresError) {
          process.stderr.write(`\n${e.message}\n\n`);
          logger.error("database refused", { reason: e.message });
          process.exit(1);
        }
        throw e;
      }
      if (database.kind === "postgres") {
        // Least privilege (docs/operations.md, "Database roles"): the app's role should not run DDL.
        const excess = await checkAppRolePrivileges(database.db);
        if (excess.length > 0) {
          logger.warn("the database role of this server has more privileges than it needs", { excess });
          process.stderr.write(
            `\nWarning: the database role in DATABASE_URL can do more than the application needs:\n${excess
              .map((p) => `  - ${p}`)
              .join("\n")}\nSee "Database roles" in docs/operations.md.\n\n`,
          );
        }
      }
      const { applied, known } = await migrationStatus(database);
      if (applied < known) {
        logger.error("database schema is behind the code: run `npm run db:migrate` as the deploy step", {
          applied,
          known,
        });
      }
    }
  } catch (e) {
    // A database that is down at start-up is reported by /api/health; the server still starts.
    logger.error("database not ready at start-up", { err: e });
    if (env.isDemo && !env.databaseUrl) {
      process.stderr.write(`\n${e instanceof Error ? e.message : String(e)}\n\n`);
      process.exit(1);
    }
  }
  void import("./jobs/cleanup").then(async ({ runCleanup }) => {
    const { schedule } = await import("./jobs/scheduler");
    const database = await getDatabase().catch(() => null);
    if (database) {
      schedule(database, "cleanup", 727275, 86_400_000, () =>
        runCleanup(database.db, { sessionMaxAgeDays: env.sessionMaxAgeDays }),
      );
      const { reconcilePayments } = await import("./payments/reconcile");
      const { getPaymentProvider } = await import("./payments/providers");
      schedule(database, "reconcile", 727276, 15 * 60_000, () =>
        reconcilePayments(database.db, getPaymentProvider()),
      );
      const { sendModuleReleaseNotices } = await import("./learning/release-notices");
      schedule(database, "module-releases", 727277, 15 * 60_000, () => sendModuleReleaseNotices(database.db));
      const { startWebhookWorker, stopWebhookWorker } = await import("./integrations/delivery");
      const { onStopJobs } = await import("./jobs/scheduler");
      startWebhookWorker(database);
      onStopJobs(stopWebhookWorker);
    }
  });
  logger.info("server ready", { mode: env.mode, url: env.appUrl, host: env.host, port: env.port });
}

/** Loud on purpose: APP_MODE=demo on a non-loopback HOST hands every account to whoever can reach the port. */
function exposedDemoWarning(env: Env): string {
  const bar = "!".repeat(100);
  return (
    `\n${bar}\n` +
    `WARNING: DEMO MODE IS REACHABLE FROM OTHER MACHINES (HOST=${env.host}, APP_MODE=demo).\n` +
    `Anyone who can reach port ${env.port} can open /dev/mailbox, read every sign-in link (admin@example.com's\n` +
    "too) and sign in as anyone; the demo payment provider gives every course away. Use this only on a\n" +
    "network you trust, and never with real people's data.\n" +
    `${bar}\n\n`
  );
}
