import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import { adminUrl, databaseUrlFor } from "../../../tests/helpers/pg-urls";
import { eraseMyAccount } from "../accounts/erase";
import { recordAudit } from "../audit/record";
import { openPostgres, type Database, type PostgresDatabase } from "./client";
import { migrateDatabase } from "./migrate";
import {
  AppRoleError,
  appRoleFromArgs,
  appRoleGrantStatements,
  applyAppRoleGrants,
  checkAppRolePrivileges,
} from "./roles";
import { queryRows } from "./rows";
import { auditLog, users } from "./schema";
import { createUser } from "./seed/factories";

/** The SQLSTATE of a failed query (drizzle wraps the driver's error in `cause`), or "ok". */
async function sqlState(query: Promise<unknown>): Promise<string> {
  try {
    await query;
    return "ok";
  } catch (e) {
    const err = e as { code?: string; cause?: { code?: string } };
    return err.code ?? err.cause?.code ?? String(e);
  }
}

/** The driver's message of a failed query. */
async function errorText(query: Promise<unknown>): Promise<string> {
  try {
    await query;
    return "ok";
  } catch (e) {
    const err = e as { message: string; cause?: { message?: string } };
    return err.cause?.message ?? err.message;
  }
}

describe("naming the application role", () => {
  it("takes --app-role NAME or --app-role=NAME over DATABASE_APP_ROLE, and nothing when neither is set", () => {
    expect(appRoleFromArgs(["--app-role", "aiw_app"], "other")).toBe("aiw_app");
    expect(appRoleFromArgs(["--app-role=aiw_app"], undefined)).toBe("aiw_app");
    expect(appRoleFromArgs([], " aiw_app ")).toBe("aiw_app");
    expect(appRoleFromArgs([], "")).toBeUndefined();
    expect(appRoleFromArgs([], undefined)).toBeUndefined();
    expect(() => appRoleFromArgs(["--app-role"], undefined)).toThrow(AppRoleError);
    expect(() => appRoleFromArgs(["--app-role", "--other"], undefined)).toThrow(AppRoleError);
  });

  it("grants rows but no DDL, audit_log SELECT and INSERT only, the journal SELECT only", () => {
    const s = appRoleGrantStatements("aiw_app", "aiw");
    expect(s).toContain("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    expect(s).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "aiw_app"');
    expect(s).toContain('REVOKE UPDATE, DELETE ON TABLE "audit_log" FROM "aiw_app"');
    expect(s).toContain('REVOKE INSERT, UPDATE, DELETE ON TABLE "__drizzle_migrations" FROM "aiw_app"');
    expect(s).toContain('GRANT EXECUTE ON FUNCTION aiw_pseudonymise_audit(text, text, text) TO "aiw_app"');
    const granted = s.filter((x) => x.startsWith("GRANT")).map((x) => /^GRANT (.*?) ON /.exec(x)![1]);
    expect(granted.join(", ")).not.toMatch(/CREATE|TRUNCATE|TRIGGER|REFERENCES|TEMP|ALL/);
  });
});

let database: Database & { url?: string };
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 2 });
});
afterAll(async () => {
  await database?.close();
});

describe("the pseudonymisation function (migration 0011)", () => {
  it("is SECURITY DEFINER with a fixed search_path, and PUBLIC may not execute it", async () => {
    const [fn] = await queryRows<{ secdef: boolean; config: string[]; public_exec: boolean; acl: string }>(
      database.db,
      sql`SELECT p.prosecdef AS secdef, p.proconfig AS config, p.proacl::text AS acl,
                 EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS public_exec
          FROM pg_proc p WHERE p.oid = 'aiw_pseudonymise_audit(text, text, text)'::regprocedure`,
    );
    expect(fn).toMatchObject({ secdef: true, public_exec: false });
    expect(fn!.config).toEqual(["search_path=public, pg_temp"]);
    expect(fn!.acl).not.toBeNull();
  });

  it("refuses anything but an existing user's id with that user's address and an erased-… pseudonym", async () => {
    const user = await createUser(database.db);
    const call = (id: string, email: string, pseudonym: string) =>
      database.db.execute(sql`SELECT aiw_pseudonymise_audit(${id}, ${email}, ${pseudonym})`);
    const good = `erased-${randomBytes(8).toString("hex")}`;
    expect(await sqlState(call("", user.email, good))).toBe("22023");
    expect(await sqlState(call("a", user.email, good))).toBe("22023");
    expect(await sqlState(call(user.id, "someone@else.example", good))).toBe("22023");
    expect(await sqlState(call(user.id, "", good))).toBe("22023");
    expect(await sqlState(call(user.id, user.email, "x"))).toBe("22023");
    await recordAudit(database.db, { id: user.id, role: "STUDENT" }, { action: "t.one", entityType: "user" });
    expect(await sqlState(call(user.id, user.email.toUpperCase(), good))).toBe("ok");
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.actorId, good));
    expect(rows.map((r) => r.action)).toEqual(["t.one"]);
  });
});

// Two roles made for this file (an owner and an application role) and a database owned by the owner; the
// migrations run connected as the owner, so every object belongs to it, exactly as in production.
describe.skipIf(!onPostgres)("least privilege on PostgreSQL: owner and application roles", () => {
  const tag = randomBytes(4).toString("hex");
  const owner = `aiw_t_owner_${tag}`;
  const app = `aiw_t_app_${tag}`;
  const dbName = `aiw_t_roles_${tag}`;
  let admin: PostgresDatabase;
  let asOwner: PostgresDatabase;
  let asApp: PostgresDatabase;
  const urlAs = (role: string) => {
    const u = new URL(databaseUrlFor(database.url!, dbName));
    u.username = role;
    u.password = "";
    return u.toString();
  };
  /** Runs statements in one transaction on one connection of `on`; resolves to the last result. */
  const inTx = async (on: PostgresDatabase, ...statements: string[]) => {
    const client = await on.pool.connect();
    try {
      await client.query("BEGIN");
      let last: unknown;
      for (const s of statements) last = await client.query(s);
      await client.query("COMMIT");
      return last;
    } catch (e) {
      await client.query("ROLLBACK");
      throw e;
    } finally {
      client.release();
    }
  };

  beforeAll(async () => {
    admin = openPostgres(adminUrl(database.url!), 1);
    await admin.pool.query(`CREATE ROLE ${owner} LOGIN`);
    await admin.pool.query(`CREATE ROLE ${app} LOGIN`);
    await admin.pool.query(`CREATE DATABASE ${dbName} OWNER ${owner}`);
    asOwner = openPostgres(urlAs(owner), 3);
    asApp = openPostgres(urlAs(app), 3);
    await migrateDatabase(asOwner);
  });
  afterAll(async () => {
    await asApp?.close();
    await asOwner?.close();
    if (!admin) return;
    await admin.pool.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.pool.query(`DROP ROLE IF EXISTS ${app}`);
    await admin.pool.query(`DROP ROLE IF EXISTS ${owner}`);
    await admin.close();
  });

  it("before the grants: the app role reads nothing and, on PostgreSQL 15, cannot create in public, but can make temporary tables", async () => {
    expect(await sqlState(asApp.pool.query("SELECT count(*) FROM users"))).toBe("42501");
    // PostgreSQL 15 took CREATE on public away from PUBLIC; temporary tables are still everyone's.
    expect(await sqlState(asApp.pool.query("CREATE TABLE public.app_made (x int)"))).toBe("42501");
    expect(await sqlState(inTx(asApp, "CREATE TEMP TABLE app_tmp (x int) ON COMMIT DROP"))).toBe("ok");
    expect((await checkAppRolePrivileges(asApp.db)).join("\n")).toMatch(/temporary tables/);
    // A database from before PostgreSQL 15 (or pg_upgrade'd) still lets PUBLIC create in public.
    await asOwner.pool.query("GRANT CREATE ON SCHEMA public TO PUBLIC");
    expect(
      await sqlState(inTx(asApp, "CREATE TABLE public.app_made (x int)", "DROP TABLE public.app_made")),
    ).toBe("ok");
    expect((await checkAppRolePrivileges(asApp.db)).join("\n")).toMatch(/create objects in schema public/);
  });

  it("db:migrate with the app role grants exactly what the application needs: the check then finds nothing", async () => {
    await migrateDatabase(asOwner, undefined, { appRole: app });
    expect(await checkAppRolePrivileges(asApp.db)).toEqual([]);
    expect(await sqlState(asApp.pool.query("CREATE TABLE public.app_made (x int)"))).toBe("42501");
    expect(await sqlState(inTx(asApp, "CREATE TEMP TABLE app_tmp (x int) ON COMMIT DROP"))).toBe("42501");
  });

  it("lets the app role SELECT, INSERT, UPDATE and DELETE rows of an ordinary table", async () => {
    const user = await createUser(asApp.db, { name: "Row Writer" });
    await asApp.db.update(users).set({ name: "Row Rewriter" }).where(eq(users.id, user.id));
    const [row] = await asApp.db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(row?.name).toBe("Row Rewriter");
    await asApp.db.delete(users).where(eq(users.id, user.id));
    expect(await asApp.db.select().from(users).where(eq(users.id, user.id))).toHaveLength(0);
  });

  it("refuses the app role every kind of DDL (42501)", async () => {
    for (const ddl of [
      "CREATE TABLE public.app_made (x int)",
      "CREATE TABLE app_made (x int)",
      "DROP TABLE sessions",
      "ALTER TABLE users ADD COLUMN x int",
      "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
      "CREATE INDEX ON users (name)",
      "TRUNCATE sessions",
      "CREATE SCHEMA app_schema",
      "CREATE FUNCTION public.app_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'",
      "CREATE OR REPLACE FUNCTION aiw_pseudonymise_audit(p_user_id text, p_email text, p_pseudonym text) RETURNS integer LANGUAGE sql AS 'SELECT 0'",
      "DROP FUNCTION aiw_pseudonymise_audit(text, text, text)",
      "CREATE TRIGGER t BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
    ]) {
      expect(await sqlState(asApp.pool.query(ddl)), ddl).toBe("42501");
    }
    expect(await sqlState(inTx(asApp, "CREATE TEMP TABLE app_tmp (x int) ON COMMIT DROP"))).toBe("42501");
    expect(
      await sqlState(asApp.pool.query("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('x', 1)")),
    ).toBe("42501");
    expect(await sqlState(asApp.pool.query("SELECT count(*) FROM __drizzle_migrations"))).toBe("ok");
  });

  it("lets the app role INSERT and SELECT audit_log, and refuses UPDATE, DELETE and TRUNCATE by grant even with aiw.audit_pseudonymise on", async () => {
    const user = await createUser(asApp.db);
    await recordAudit(
      asApp.db,
      { id: user.id, role: "STUDENT" },
      { action: "t.app", entityType: "user" },
      { ip: "192.0.2.1" },
    );
    expect(await asApp.db.select().from(auditLog).where(eq(auditLog.actorId, user.id))).toHaveLength(1);
    const pseudonymiseOn = "SELECT set_config('aiw.audit_pseudonymise', 'on', true)";
    const update = `UPDATE audit_log SET ip = NULL WHERE actor_id = '${user.id}'`;
    // The trigger would let this UPDATE through (only ip changes); the missing grant stops it.
    expect(await errorText(inTx(asApp, pseudonymiseOn, update))).toMatch(
      /permission denied for table audit_log/,
    );
    expect(
      await errorText(inTx(asApp, pseudonymiseOn, `DELETE FROM audit_log WHERE actor_id = '${user.id}'`)),
    ).toMatch(/permission denied for table audit_log/);
    expect(await errorText(asApp.pool.query("TRUNCATE audit_log"))).toMatch(
      /permission denied for table audit_log/,
    );
    // Before: the owner (what the application connected as until now) could, with the setting on.
    const done = (await inTx(asOwner, pseudonymiseOn, update)) as { rowCount: number };
    expect(done.rowCount).toBe(1);
  });

  it("erases an account as the app role, through the function; without EXECUTE on it erasure fails", async () => {
    const user = await createUser(asApp.db, { name: "Erin Erasable" });
    await createUser(asApp.db, { role: "ADMIN" });
    await recordAudit(
      asApp.db,
      { id: user.id, role: "STUDENT" },
      { action: "user.profile_updated", entityType: "user", entityId: user.id, after: { email: user.email } },
      { ip: "192.0.2.9" },
    );
    await asOwner.pool.query(
      `REVOKE EXECUTE ON FUNCTION aiw_pseudonymise_audit(text, text, text) FROM ${app}`,
    );
    const erase = () => eraseMyAccount(asApp.db, actorOf(user), { confirmEmail: user.email });
    expect(await errorText(erase())).toMatch(/permission denied for function aiw_pseudonymise_audit/);
    await applyAppRoleGrants(asOwner.db, app);
    const { pseudonym } = await erase();
    const entries = await asApp.db.select().from(auditLog).where(eq(auditLog.actorId, pseudonym));
    expect(entries.map((e) => e.action).sort()).toEqual(["user.erased", "user.profile_updated"]);
    expect(entries.every((e) => e.ip === null)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(user.email);
    expect(JSON.stringify(entries)).not.toContain(user.id);
    // The app role cannot turn the function on everyone's entries.
    expect(
      await sqlState(asApp.pool.query("SELECT aiw_pseudonymise_audit('', '', 'erased-0123456789abcdef')")),
    ).toBe("22023");
  });

  it("re-running the grants covers tables added by later migrations and takes back privileges granted by hand", async () => {
    await asOwner.pool.query("CREATE TABLE later_table (id int)");
    await asOwner.pool.query(`GRANT UPDATE, TRUNCATE, TRIGGER ON audit_log TO ${app}`);
    expect(await sqlState(asApp.pool.query("INSERT INTO later_table VALUES (1)"))).toBe("42501");
    const problems = (await checkAppRolePrivileges(asApp.db)).join("\n");
    expect(problems).toMatch(/may UPDATE audit_log/);
    expect(problems).toMatch(/may TRUNCATE audit_log/);
    expect(problems).toMatch(/may create triggers on audit_log/);
    await applyAppRoleGrants(asOwner.db, app);
    await applyAppRoleGrants(asOwner.db, app); // idempotent
    expect(await checkAppRolePrivileges(asApp.db)).toEqual([]);
    expect(await sqlState(asApp.pool.query("INSERT INTO later_table VALUES (1)"))).toBe("ok");
    await asOwner.pool.query("DROP TABLE later_table");
  });

  it("reports what the owner can do that the application must not", async () => {
    const problems = (await checkAppRolePrivileges(asOwner.db)).join("\n");
    expect(problems).toMatch(/owns the database/);
    expect(problems).toMatch(/owns schema public/);
    expect(problems).toMatch(/may create objects in schema public/);
    expect(problems).toMatch(/owns, or may act as the owner of, __drizzle_migrations/);
    expect(problems).toMatch(/may UPDATE audit_log/);
    expect(problems).toMatch(/may write the migration journal/);
    const asSuper = (await checkAppRolePrivileges(admin.db)).join("\n");
    expect(asSuper).toMatch(/is a superuser/);
  });

  it("refuses to grant to a role that is missing, the owner itself, or a superuser", async () => {
    await expect(applyAppRoleGrants(asOwner.db, `aiw_t_none_${tag}`)).rejects.toThrow(/There is no role/);
    await expect(applyAppRoleGrants(asOwner.db, owner)).rejects.toThrow(/running the migrations/);
    await expect(applyAppRoleGrants(asOwner.db, "postgres")).rejects.toThrow(/superuser/);
    await expect(applyAppRoleGrants(asOwner.db, "x; DROP TABLE users")).rejects.toThrow(AppRoleError);
    await expect(migrateDatabase(asOwner, undefined, { appRole: `aiw_t_none_${tag}` })).rejects.toThrow(
      AppRoleError,
    );
  });

  it("`npm run db:migrate` with DATABASE_APP_ROLE applies the grants", async () => {
    await asOwner.pool.query(`REVOKE ALL ON users FROM ${app}`);
    expect(await sqlState(asApp.pool.query("SELECT count(*) FROM users"))).toBe("42501");
    const root = path.resolve(__dirname, "../../..");
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules/tsx/dist/cli.mjs"),
        "--conditions=react-server",
        "scripts/db-migrate.ts",
      ],
      {
        cwd: root,
        encoding: "utf8",
        // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and HOME as given
        env: { ...process.env, DATABASE_URL: urlAs(owner), DATABASE_APP_ROLE: app, LOG_LEVEL: "error" },
        timeout: 60_000,
      },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/0 applied now/);
    expect(result.stdout).toMatch(new RegExp(`Granted role "${app}"`));
    expect(await sqlState(asApp.pool.query("SELECT count(*) FROM users"))).toBe("ok");
    expect(await checkAppRolePrivileges(asApp.db)).toEqual([]);
  });
});
