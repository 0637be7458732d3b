import "server-only";
import { and, desc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { users, userRole, type UserRole } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { invalidInput } from "../http/problem";
import { assertRole, type Actor } from "./actor";
import { decodeCursor, olderThan, timestampKey, toPage, ZTimeIdKey } from "../pagination";

export const ZRoleChange = z.object({ userId: z.string().min(1).max(64), role: z.enum(userRole.enumValues) });

/**
 * Admins change roles. The last admin can never be demoted, also when two admins act at once: every admin
 * row is locked before counting (DESIGN.md convention 4).
 */
export async function changeUserRole(db: Db, actor: Actor | null, input: unknown, ctx: AuditContext = {}) {
  assertRole(actor, "ADMIN");
  const parsed = ZRoleChange.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { userId, role } = parsed.data;
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, "ADMIN"))
      .orderBy(users.id)
      .for("update");
    const [target] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!target) throw notFound("That user");
    if (target.role === role) return { changed: false };
    if (target.role === "ADMIN" && admins.length <= 1) {
      throw new AppError("CONFLICT", {
        userMessage: "This is the last administrator; make someone else an administrator first.",
      });
    }
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAudit(
      tx,
      actor,
      {
        action: "user.role_changed",
        entityType: "user",
        entityId: userId,
        before: { role: target.role },
        after: { role },
      },
      ctx,
    );
    return { changed: true };
  });
}

export const ZUserSearch = z.object({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  createdAt: Date;
}

/** Admin search by e-mail or name, newest first, keyset-paginated. */
export async function findUsers(db: Db, actor: Actor | null, input: unknown) {
  assertRole(actor, "ADMIN");
  const parsed = ZUserSearch.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { q, cursor, limit } = parsed.data;
  const after = decodeCursor(cursor, ZTimeIdKey);
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      key: timestampKey(users.createdAt),
    })
    .from(users)
    .where(
      and(
        pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined,
        after ? olderThan(users.createdAt, users.id, after) : undefined,
      ),
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.key, r.id], {
    map: ({ id, email, name, role, createdAt }): UserRow => ({ id, email, name, role, createdAt }),
  });
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.role, "ADMIN"));
  return row?.n ?? 0;
}
