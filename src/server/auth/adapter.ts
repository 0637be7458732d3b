import "server-only";
import { randomBytes } from "node:crypto";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { preparedFor } from "../db/statements";
import { accounts, sessions, users, verificationTokens } from "../db/schema";
import { getEnv } from "../env";
import { recordAudit } from "../audit/record";

/** 256 random bits (Auth.js's default is a v4 UUID: 122 bits). */
export const generateSessionToken = () => randomBytes(32).toString("base64url");

const LAST_SEEN_EVERY_MS = 5 * 60_000;

export interface RequestInfo {
  userAgent: string | null;
  ip: string | null;
}

/**
 * The Drizzle adapter on the document's tables, hardened: case-insensitive e-mail lookup, an absolute
 * session lifetime, a bounded number of live sessions per user (oldest revoked), and the session's user
 * agent, IP and last use recorded for the account page.
 */
/** Every signed-in request's first statement: built once per database handle. */
const sessionByToken = preparedFor((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, sql.placeholder("sessionToken")))
    .prepare("auth_session_by_token"),
);

/**
 * The session for a token with its user, or null when there is none or it is past its sliding or absolute
 * lifetime (then it is deleted); notes when it was last seen, at most every LAST_SEEN_EVERY_MS. One indexed read
 * per signed-in request (for pages, the API and Auth.js alike).
 */
export async function findLiveSession(
  db: Db,
  sessionToken: string,
): Promise<{ session: AdapterSession; user: AdapterUser } | null> {
  const [row] = await sessionByToken(db).execute({ sessionToken });
  if (!row) return null;
  const maxAgeMs = getEnv().sessionMaxAgeDays * 86_400_000;
  const now = Date.now();
  if (row.session.createdAt.getTime() + maxAgeMs <= now || row.session.expires.getTime() <= now) {
    await db.delete(sessions).where(eq(sessions.id, row.session.id));
    return null;
  }
  if (!row.session.lastSeenAt || now - row.session.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, row.session.id));
  }
  return { session: row.session as unknown as AdapterSession, user: row.user as unknown as AdapterUser };
}

export function createAdapter(db: Db, requestInfo: () => Promise<RequestInfo>): Adapter {
  // Our tables carry more columns than the adapter's defaults; it only needs the ones it knows. The real
  // Drizzle instance is passed (the adapter picks its dialect with `is(db, PgDatabase)`).
  const drizzleAdapter = DrizzleAdapter as unknown as (db: unknown, schema: unknown) => Adapter;
  const base = drizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  return {
    ...base,
    async createUser(data: AdapterUser) {
      const { id: _ignored, ...rest } = data;
      void _ignored;
      const [row] = await db
        .insert(users)
        .values({ ...rest, email: data.email.trim().toLowerCase() })
        .returning();
      await recordAudit(
        db,
        { id: row!.id, role: row!.role },
        { action: "user.created", entityType: "user", entityId: row!.id, after: { role: row!.role } },
      );
      return row as unknown as AdapterUser;
    },
    async getUserByEmail(email: string) {
      const [row] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
      return (row as unknown as AdapterUser) ?? null;
    },
    async createSession(data: {
      sessionToken: string;
      userId: string;
      expires: Date;
    }): Promise<AdapterSession> {
      const env = getEnv();
      const info = await requestInfo();
      return db.transaction(async (tx) => {
        // Lock the user so two sign-ins at once cannot both keep the limit's last place.
        await tx.select({ id: users.id }).from(users).where(eq(users.id, data.userId)).for("update");
        const [created] = await tx
          .insert(sessions)
          .values({
            ...data,
            lastSeenAt: new Date(),
            userAgent: info.userAgent?.slice(0, 400) ?? null,
            ip: info.ip,
          })
          .returning();
        const keep = await tx
          .select({ id: sessions.id })
          .from(sessions)
          .where(and(eq(sessions.userId, data.userId), gt(sessions.expires, new Date())))
          .orderBy(desc(sessions.createdAt), desc(sessions.id))
          .limit(env.sessionLimit);
        await tx.execute(
          sql`DELETE FROM sessions WHERE user_id = ${data.userId} AND id NOT IN ${keep.map((k) => k.id)}`,
        );
        await recordAudit(
          tx,
          { id: data.userId },
          {
            action: "session.created",
            entityType: "session",
            entityId: created!.id,
            after: { userAgent: info.userAgent },
          },
          { ip: info.ip },
        );
        return created as unknown as AdapterSession;
      });
    },
    getSessionAndUser: (sessionToken: string) => findLiveSession(db, sessionToken),
    async updateSession(data: Partial<AdapterSession> & Pick<AdapterSession, "sessionToken">) {
      // Sliding expiry never extends past the absolute lifetime.
      const [current] = await db
        .select({ createdAt: sessions.createdAt })
        .from(sessions)
        .where(eq(sessions.sessionToken, data.sessionToken));
      if (!current) return null;
      const cap = new Date(current.createdAt.getTime() + getEnv().sessionMaxAgeDays * 86_400_000);
      const expires = data.expires && data.expires > cap ? cap : data.expires;
      const [row] = await db
        .update(sessions)
        .set({ ...(expires ? { expires } : {}) })
        .where(eq(sessions.sessionToken, data.sessionToken))
        .returning();
      return (row as unknown as AdapterSession) ?? null;
    },
  };
}
