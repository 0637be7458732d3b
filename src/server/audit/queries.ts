import "server-only";
import { and, desc, eq, gte, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { auditLog } from "../db/schema";
import { assertRole, type Actor } from "../accounts/actor";
import { decodeCursor, olderThan, timestampKey, toPage, withoutKey, ZTimeIdKey } from "../pagination";
import { invalidInput } from "../http/problem";

const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-27.")
  .transform((d) => new Date(`${d}T00:00:00Z`))
  .optional()
  .or(z.literal("").transform(() => undefined));

export const ZAuditFilter = z.object({
  actor: z
    .string()
    .trim()
    .max(64)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  entityType: z
    .string()
    .trim()
    .max(40)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  entityId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  from: ZDate,
  to: ZDate,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** The audit log for admins: filter by actor, entity and date; newest first, keyset-paginated. */
export async function findAuditEntries(db: Db, actor: Actor | null, input: unknown) {
  assertRole(actor, "ADMIN");
  const parsed = ZAuditFilter.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const f = parsed.data;
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
