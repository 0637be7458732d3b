import "server-only";
import { eq, sql } from "drizzle-orm";
import { AppError } from "../errors";
import type { Db } from "../db/types";
import { users } from "../db/schema";
import { parseInput } from "../validation";
import { ZEmail } from "./schemas";

export type CreateAdminOutcome = "created" | "promoted" | "unchanged";

/**
 * Creates the first admin of a real deployment, or promotes an existing user, by e-mail. Run by an
 * operator from the command line (`npm run admin:create`), which is the authority here: no actor.
 */
export async function createOrPromoteAdmin(
  db: Db,
  rawEmail: string,
): Promise<{ outcome: CreateAdminOutcome; userId: string }> {
  const email = parseInput(ZEmail, rawEmail, "email");
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`)
      .for("update");
    if (existing) {
      if (existing.role === "ADMIN") return { outcome: "unchanged" as const, userId: existing.id };
      await tx.update(users).set({ role: "ADMIN" }).where(eq(users.id, existing.id));
      return { outcome: "promoted" as const, userId: existing.id };
    }
    const [created] = await tx
      .insert(users)
      .values({ email, role: "ADMIN" })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created)
      throw new AppError("CONFLICT", {
        userMessage: "That address was registered at the same moment; run the command again.",
      });
    return { outcome: "created" as const, userId: created.id };
  });
}
