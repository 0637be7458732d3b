import "server-only";
import { and, desc, eq, gt, ne } from "drizzle-orm";
import type { Db } from "../db/types";
import { sessions } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { notFound } from "../errors";
import { assertBrowserSession, assertSignedIn, type Actor } from "./actor";

export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  expires: Date;
  userAgent: string | null;
  /** The address the session was last recorded from (the user's own data). */
  ip: string | null;
  current: boolean;
}

/** The actor's live sessions (never their tokens), newest first. */
export async function findMySessions(db: Db, actor: Actor | null): Promise<SessionView[]> {
  assertSignedIn(actor);
  assertBrowserSession(actor);
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expires: sessions.expires,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, actor.id), gt(sessions.expires, new Date())))
    .orderBy(desc(sessions.createdAt), desc(sessions.id));
  return rows.map((r) => ({ ...r, current: r.id === actor.sessionId }));
}

/** Revokes one of the actor's own sessions; someone else's session is "not found". */
export async function revokeSession(db: Db, actor: Actor | null, sessionId: string, ctx: AuditContext = {}) {
  assertSignedIn(actor);
  assertBrowserSession(actor);
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.id)))
      .returning({ id: sessions.id });
    if (!gone) throw notFound("That session");
    await recordAudit(
      tx,
      actor,
      { action: "session.revoked", entityType: "session", entityId: sessionId },
      ctx,
    );
  });
}

/** "Sign out everywhere else": every session of the actor but the current one. */
export async function revokeOtherSessions(
  db: Db,
  actor: Actor | null,
  ctx: AuditContext = {},
): Promise<number> {
  assertSignedIn(actor);
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(sessions)
      .where(
        and(eq(sessions.userId, actor.id), actor.sessionId ? ne(sessions.id, actor.sessionId) : undefined),
      )
      .returning({ id: sessions.id });
    await recordAudit(
      tx,
      actor,
      {
        action: "session.revoked_others",
        entityType: "user",
        entityId: actor.id,
        after: { count: gone.length },
      },
      ctx,
    );
    return gone.length;
  });
}
