import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { accounts, users } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { parseInput } from "../validation";
import { notFound } from "../errors";
import { assertSignedIn, type Actor } from "./actor";
import { issuePendingCertificates } from "../learning/certificates";
import { ZProfileInput, ZProfilePatch } from "./schemas";

export interface ProfileView {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
  role: string;
  emailVerified: Date | null;
  createdAt: Date;
  connectedAccounts: { provider: string; providerAccountId: string }[];
}

export async function getMyProfile(db: Db, actor: Actor | null): Promise<ProfileView> {
  assertSignedIn(actor);
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      image: users.image,
      role: users.role,
      emailVerified: users.emailVerified,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!user) throw notFound("Your account");
  const connected = await db
    .select({ provider: accounts.provider, providerAccountId: accounts.providerAccountId })
    .from(accounts)
    .where(eq(accounts.userId, actor.id));
  return { ...user, connectedAccounts: connected };
}

export async function updateMyProfile(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZProfileInput>,
  ctx: AuditContext = {},
) {
  assertSignedIn(actor);
  const valid = parseInput(ZProfileInput, input);
  await saveProfile(db, actor, valid, ctx);
}

/** The API's partial update: the fields sent, as the account page validates them. */
export async function patchMyProfile(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZProfilePatch>,
  ctx: AuditContext = {},
) {
  assertSignedIn(actor);
  const valid = parseInput(ZProfilePatch, input);
  await saveProfile(db, actor, valid, ctx);
}

/** Sets only the name (the completion panel's one field), which issues a certificate waiting for it. */
export async function setMyName(db: Db, actor: Actor | null, name: unknown, ctx: AuditContext = {}) {
  assertSignedIn(actor);
  const valid = parseInput(ZProfileInput.pick({ name: true }), { name });
  await saveProfile(db, actor, valid, ctx);
}

async function saveProfile(
  db: Db,
  actor: Actor,
  valid: { name?: string; image?: string | null },
  ctx: AuditContext,
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: users.name, image: users.image })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (!before) throw notFound("Your account");
    await tx.update(users).set(valid).where(eq(users.id, actor.id));
    // A certificate waiting for a name to print is issued now.
    await issuePendingCertificates(tx, actor.id);
    await recordAudit(
      tx,
      actor,
      { action: "user.profile_updated", entityType: "user", entityId: actor.id, before, after: valid },
      ctx,
    );
  });
}
