import { sql } from "drizzle-orm";
import { queryRows } from "./rows";
import type { Db } from "./types";

/**
 * Least privilege (docs/decisions.md, "Database roles"). Two roles: the owner, which runs `npm run db:migrate`
 * and owns every object, and the application role, which the servers connect as and which may only read and
 * write rows. `applyAppRoleGrants` gives the application role exactly that, and is re-run by every
 * `db:migrate` that names the role, so tables added by later migrations are covered (no default privileges to
 * keep in step). `checkAppRolePrivileges` is what a production start-up runs to warn about anything more.
 */

/** The append-only tables: the application may SELECT and INSERT, never UPDATE, DELETE or TRUNCATE. */
export const APPEND_ONLY_TABLES = ["audit_log"] as const;
/** Drizzle's migration journal: read at start-up ("schema behind the code"), written only by migrations. */
export const JOURNAL_TABLE = "__drizzle_migrations";
/** The one way the application changes audit_log (migration 0011); the only function it is granted. */
export const PSEUDONYMISE_FUNCTION = "aiw_pseudonymise_audit(text, text, text)";

const ROLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export class AppRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AppRoleError";
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `--app-role NAME` (or `--app-role=NAME`) wins over DATABASE_APP_ROLE; undefined when neither is given. */
export function appRoleFromArgs(argv: string[], fromEnv: string | undefined): string | undefined {
  const i = argv.findIndex((a) => a === "--app-role" || a.startsWith("--app-role="));
  const flag = argv[i];
  const arg =
    flag === undefined ? undefined : flag.includes("=") ? flag.slice(flag.indexOf("=") + 1) : argv[i + 1];
  if (i >= 0 && (arg === undefined || arg.trim() === "" || arg.startsWith("-"))) {
    throw new AppRoleError("--app-role needs the name of the application role, e.g. --app-role aiw_app.");
  }
  const name = (arg ?? fromEnv ?? "").trim();
  return name === "" ? undefined : name;
}

/**
 * The statements that make `role` the application role of the current database. Idempotent; revokes first,
 * so privileges granted by hand beyond these (TRUNCATE, TRIGGER, UPDATE on audit_log, …) are taken away.
 */
export function appRoleGrantStatements(role: string, database: string): string[] {
  const r = quoteIdent(role);
  const d = quoteIdent(database);
  return [
    // Nobody but the owner creates objects: PostgreSQL 15 no longer grants CREATE on public to PUBLIC, but a
    // database created from an older cluster (or by pg_upgrade) still does. Temporary tables are refused too.
    "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    `REVOKE TEMPORARY ON DATABASE ${d} FROM PUBLIC`,
    `REVOKE CREATE, TEMPORARY ON DATABASE ${d} FROM ${r}`,
    `GRANT CONNECT ON DATABASE ${d} TO ${r}`,
    `REVOKE ALL ON SCHEMA public FROM ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    ...APPEND_ONLY_TABLES.map((t) => `REVOKE UPDATE, DELETE ON TABLE ${quoteIdent(t)} FROM ${r}`),
    `REVOKE INSERT, UPDATE, DELETE ON TABLE ${quoteIdent(JOURNAL_TABLE)} FROM ${r}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    // The journal's id sequence: only migrations insert there.
    `DO $$ DECLARE s text := pg_get_serial_sequence('public.${JOURNAL_TABLE}', 'id'); BEGIN
       IF s IS NOT NULL THEN EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM %I', s, ${sqlLiteral(role)}); END IF;
     END $$`,
    `GRANT EXECUTE ON FUNCTION ${PSEUDONYMISE_FUNCTION} TO ${r}`,
  ];
}

function sqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Refuses a role that is not a plain name, does not exist, is the connected role itself, or is a superuser
 * (grants would mean nothing for the last two). Returns the current database's name.
 */
export async function assertAppRole(db: Db, role: string): Promise<{ database: string }> {
  if (!ROLE_NAME.test(role)) {
    throw new AppRoleError(
      `"${role}" is not a role name this command accepts: letters, digits and underscores, not starting with a digit.`,
    );
  }
  const [info] = await queryRows<{ exists: boolean; is_me: boolean; is_super: boolean; database: string }>(
    db,
    sql`SELECT r.oid IS NOT NULL AS exists, ${role} = current_user AS is_me,
               coalesce(r.rolsuper, false) AS is_super, current_database() AS database
        FROM (SELECT 1) one LEFT JOIN pg_roles r ON r.rolname = ${role}`,
  );
  if (!info?.exists) {
    throw new AppRoleError(
      `There is no role "${role}" on this server. Create it once (CREATE ROLE ${role} LOGIN PASSWORD '…'), ` +
        'see "Database roles" in docs/operations.md.',
    );
  }
  if (info.is_me) {
    throw new AppRoleError(
      `"${role}" is the role running the migrations (the owner). The application must connect as another role.`,
    );
  }
  if (info.is_super) throw new AppRoleError(`"${role}" is a superuser: no grant can limit it.`);
  return { database: info.database };
}

/**
 * Grants the application role what it needs in the current database, and nothing more, in one transaction.
 * Run by the role that owns the schema (the one that ran the migrations).
 */
export async function applyAppRoleGrants(db: Db, role: string): Promise<void> {
  const { database } = await assertAppRole(db, role);
  await db.transaction(async (tx) => {
    for (const statement of appRoleGrantStatements(role, database)) await tx.execute(sql.raw(statement));
  });
}

/**
 * What the connected role can do that the application role should not: run DDL (CREATE on the schema or the
 * database, temporary tables, owning or being able to become the owner of anything), be a superuser or create
 * roles, TRUNCATE or add triggers to any table, UPDATE or DELETE an append-only table, write the migration
 * journal. Empty when the role is as `applyAppRoleGrants` leaves it. Meant for PostgreSQL: PGlite runs as a
 * superuser and reports that.
 */
export async function checkAppRolePrivileges(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const [me] = await queryRows<{
    role: string;
    is_super: boolean;
    create_role: boolean;
    create_db: boolean;
    db_owner: boolean;
    db_create: boolean;
    db_temp: boolean;
    schema_owner: boolean;
    schema_create: boolean;
  }>(
    db,
    sql`SELECT current_user AS role, r.rolsuper AS is_super, r.rolcreaterole AS create_role,
               r.rolcreatedb AS create_db,
               pg_has_role(current_user, d.datdba, 'MEMBER') AS db_owner,
               has_database_privilege(current_database(), 'CREATE') AS db_create,
               has_database_privilege(current_database(), 'TEMPORARY') AS db_temp,
               pg_has_role(current_user, n.nspowner, 'MEMBER') AS schema_owner,
               has_schema_privilege('public', 'CREATE') AS schema_create
        FROM pg_roles r, pg_database d, pg_namespace n
        WHERE r.rolname = current_user AND d.datname = current_database() AND n.nspname = 'public'`,
  );
  if (!me) return ["cannot inspect its own privileges (no schema public?)"];
  const who = `role "${me.role}"`;
  if (me.is_super) problems.push(`${who} is a superuser`);
  if (me.create_role) problems.push(`${who} may create roles (CREATEROLE)`);
  if (me.create_db) problems.push(`${who} may create databases (CREATEDB)`);
  if (me.db_owner) problems.push(`${who} owns the database, or may act as its owner`);
  if (me.db_create) problems.push(`${who} may create schemas in the database (CREATE on the database)`);
  if (me.db_temp) problems.push(`${who} may create temporary tables (TEMPORARY on the database)`);
  if (me.schema_owner) problems.push(`${who} owns schema public, or may act as its owner`);
  if (me.schema_create) problems.push(`${who} may create objects in schema public (CREATE on the schema)`);

  const owned = await queryRows<{ name: string }>(
    db,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND pg_has_role(current_user, c.relowner, 'MEMBER')
        UNION ALL
        SELECT p.proname || '()' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND pg_has_role(current_user, p.proowner, 'MEMBER')
        ORDER BY 1`,
  );
  if (owned.length > 0)
    problems.push(`${who} owns, or may act as the owner of, ${listOf(owned.map((o) => o.name))}`);

  const tables = await queryRows<{
    name: string;
    truncate: boolean;
    trigger: boolean;
    upd: boolean;
    del: boolean;
    ins: boolean;
  }>(
    db,
    sql`SELECT c.relname AS name, has_table_privilege(c.oid, 'TRUNCATE') AS truncate,
               has_table_privilege(c.oid, 'TRIGGER') AS trigger, has_table_privilege(c.oid, 'UPDATE') AS upd,
               has_table_privilege(c.oid, 'DELETE') AS del, has_table_privilege(c.oid, 'INSERT') AS ins
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  const truncatable = tables.filter((t) => t.truncate).map((t) => t.name);
  if (truncatable.length > 0) problems.push(`${who} may TRUNCATE ${listOf(truncatable)}`);
  const triggerable = tables.filter((t) => t.trigger).map((t) => t.name);
  if (triggerable.length > 0) problems.push(`${who} may create triggers on ${listOf(triggerable)}`);
  for (const t of tables) {
    if ((APPEND_ONLY_TABLES as readonly string[]).includes(t.name)) {
      if (t.upd) problems.push(`${who} may UPDATE ${t.name} (append-only)`);
      if (t.del) problems.push(`${who} may DELETE from ${t.name} (append-only)`);
    }
    if (t.name === JOURNAL_TABLE && (t.ins || t.upd || t.del)) {
      problems.push(`${who} may write the migration journal ${JOURNAL_TABLE}`);
    }
  }
  return problems;
}

function listOf(names: string[]): string {
  return names.length <= 5
    ? names.join(", ")
    : `${names.slice(0, 5).join(", ")} and ${names.length - 5} more`;
}
