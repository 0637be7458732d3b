import "server-only";
import { and, desc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { users, type UserRole } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import { assertRole, type Actor } from "./actor";
import { revokeTokensOnRoleChange } from "./api-tokens";
import { decodeCursor, olderThan, timestampKey, toPage, ZTimeIdKey } from "../pagination";
import { ZRoleChange, ZUserSearch } from "./schemas";

/**
 * Admins change roles. The last admin can never be demoted, also when two admins act at once: every admin
 * row is locked before counting (DESIGN.md convention 4).
 */
export async function changeUserRole(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZRoleChange>,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN");
  const valid = parseInput(ZRoleChange, input);
  const { userId, role } = valid;
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
    // Scopes were granted for the old role: every token of the user stops working (they make new ones).
    const tokensRevoked = await revokeTokensOnRoleChange(tx, userId);
    await recordAudit(
      tx,
      actor,
      {
        action: "user.role_changed",
        entityType: "user",
        entityId: userId,
        before: { role: target.role },
        after: { role, tokensRevoked },
      },
      ctx,
    );
    return { changed: true };
  });
}

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  createdAt: Date;
}

/** Admin search by e-mail or name, newest first, keyset-paginated. */
export async function findUsers(db: Db, actor: Actor | null, input: z.input<typeof ZUserSearch>) {
  assertRole(actor, "ADMIN");
  const valid = parseInput(ZUserSearch, input);
  const { q, cursor, limit } = valid;
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
