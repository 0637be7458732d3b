import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { accounts } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { getEnv } from "../env";
import { assertSignedIn, type Actor } from "./actor";

/** Disconnects an OAuth provider, never the last way to sign in (e-mail counts when the instance offers it). */
export async function unlinkAccount(db: Db, actor: Actor | null, provider: string, ctx: AuditContext = {}) {
  assertSignedIn(actor);
  const env = getEnv();
  const emailSignIn = Boolean(env.email) || env.isDemo;
  await db.transaction(async (tx) => {
    const mine = await tx
      .select({ provider: accounts.provider })
      .from(accounts)
      .where(eq(accounts.userId, actor.id))
      .for("update");
    if (!mine.some((a) => a.provider === provider)) throw notFound("That connected account");
    if (!emailSignIn && mine.length <= 1) {
      throw new AppError("CONFLICT", {
        userMessage: "This is your only way to sign in; connect another one first.",
      });
    }
    await tx.delete(accounts).where(and(eq(accounts.userId, actor.id), eq(accounts.provider, provider)));
    await recordAudit(
      tx,
      actor,
      { action: "account.unlinked", entityType: "user", entityId: actor.id, after: { provider } },
      ctx,
    );
  });
}
