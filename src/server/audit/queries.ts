import "server-only";
import { and, desc, eq, gte, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { auditLog } from "../db/schema";
import { assertRole, type Actor } from "../accounts/actor";
import { decodeCursor, olderThan, timestampKey, toPage, withoutKey, ZTimeIdKey } from "../pagination";
import { parseInput } from "../validation";
import { ZAuditFilter } from "./schemas";

/** The audit log for admins: filter by actor, entity and date; newest first, keyset-paginated. */
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
      key: timestampKey(auditLog.createdAt),
    })
    .from(auditLog)
    .where(
      and(
        f.actor ? eq(auditLog.actorId, f.actor) : undefined,
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
