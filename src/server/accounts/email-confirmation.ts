import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { users, verificationTokens } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError } from "../errors";
import { getEnv } from "../env";
import { consumeRateLimit } from "../platform/rate-limit";
import { assertSignedIn, type Actor } from "./actor";
import { actionEmail, sendMail } from "./mailer";
import { issuePendingCertificates } from "../learning/certificates";

const identifierFor = (email: string) => `confirm-email:${email.toLowerCase()}`;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const LIFETIME_MS = 24 * 60 * 60_000;

/**
 * Sends a link that confirms the actor's address (for accounts created through a provider that did not
 * confirm it). Only the token's hash is stored.
 */
export async function requestEmailConfirmation(db: Db, actor: Actor | null, ctx: AuditContext = {}) {
  assertSignedIn(actor);
  if (actor.emailVerified) return { alreadyConfirmed: true };
  await consumeRateLimit(db, { name: "confirm-email", limit: 3, windowSeconds: 3600 }, actor.id);
  const token = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + LIFETIME_MS);
  await db.transaction(async (tx) => {
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, identifierFor(actor.email)));
    await tx
      .insert(verificationTokens)
      .values({ identifier: identifierFor(actor.email), token: hash(token), expires });
    await recordAudit(
      tx,
      actor,
      { action: "user.email_confirmation_requested", entityType: "user", entityId: actor.id },
      ctx,
    );
  });
  const url = `${getEnv().appUrl}/account/confirm?token=${encodeURIComponent(token)}`;
  await sendMail(
    db,
    actionEmail({
      to: actor.email,
      subject: "Confirm your e-mail address for AI Whisperers",
      heading: "Confirm your e-mail address",
      intro: "Confirm this address to buy courses, write reviews and receive certificates.",
      button: "Confirm my address",
      url,
      expires,
      footer: "If you did not ask for this, ignore this e-mail.",
    }),
  );
  return { alreadyConfirmed: false };
}

/** Confirms the actor's address with the token from the e-mail (once, before it expires). */
export async function confirmEmail(db: Db, actor: Actor | null, token: string, ctx: AuditContext = {}) {
  assertSignedIn(actor);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .delete(verificationTokens)
      .where(
        and(
          eq(verificationTokens.identifier, identifierFor(actor.email)),
          eq(verificationTokens.token, hash(token)),
          gt(verificationTokens.expires, new Date()),
        ),
      )
      .returning({ token: verificationTokens.token });
    if (!used) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "This confirmation link is invalid, used or expired. Ask for a new one.",
      });
    }
    await tx
      .update(users)
      .set({ emailVerified: sql`now()` })
      .where(eq(users.id, actor.id));
    // Certificates earned while the address was unconfirmed are issued now.
    await issuePendingCertificates(tx, actor.id);
    await recordAudit(
      tx,
      actor,
      { action: "user.email_confirmed", entityType: "user", entityId: actor.id },
      ctx,
    );
  });
}
