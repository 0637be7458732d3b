import "server-only";
import { and, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "../db/types";
import { auditLog, users } from "../db/schema";
import { assertRole, type Actor } from "../accounts/actor";
import { decodeCursor, olderThan, timestampKey, toPage, withoutKey, ZTimeIdKey } from "../pagination";
import { parseInput } from "../validation";
import { ZAuditFilter } from "./schemas";

const actorUser = alias(users, "actor_user");
const entityUser = alias(users, "entity_user");

/** An erased person's audit entries carry this pseudonym instead of their id (erasure, migration 0011). */
export const isErasedId = (id: string | null) => id !== null && /^erased-[0-9a-f]{16}$/.test(id);

/**
 * The audit log for admins: filter by actor (id or e-mail), entity and date; newest first, keyset-paginated.
 * People come with their name and e-mail as they are now (the actor, and the entity when it is a user).
 */
export async function findAuditEntries(db: Db, actor: Actor | null, input: z.input<typeof ZAuditFilter>) {
  assertRole(actor, "ADMIN");
  const valid = parseInput(ZAuditFilter, input);
  const f = valid;
  const after = decodeCursor(f.cursor, ZTimeIdKey);
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorRole: auditLog.actorRole,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
      actorName: actorUser.name,
      actorEmail: actorUser.email,
      entityName: entityUser.name,
      entityEmail: entityUser.email,
      key: timestampKey(auditLog.createdAt),
    })
    .from(auditLog)
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
    .leftJoin(entityUser, and(eq(auditLog.entityType, "user"), eq(entityUser.id, auditLog.entityId)))
    .where(
      and(
        f.actor?.includes("@")
          ? inArray(
              auditLog.actorId,
              db.select({ id: users.id }).from(users).where(eq(users.email, f.actor.toLowerCase())),
            )
          : f.actor
            ? eq(auditLog.actorId, f.actor)
            : undefined,
        f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
        f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
        f.from ? gte(auditLog.createdAt, f.from) : undefined,
        f.to ? lte(auditLog.createdAt, new Date(f.to.getTime() + 86_400_000 - 1)) : undefined,
        after ? olderThan(auditLog.createdAt, auditLog.id, after) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.key, r.id], { map: withoutKey });
}
