import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { accounts, users } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { invalidInput } from "../http/problem";
import { notFound } from "../errors";
import { assertSignedIn, type Actor } from "./actor";
import { issuePendingCertificates } from "../learning/certificates";

export const ZProfileInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the name to show on your certificates.")
    .max(120, "120 characters at most."),
  image: z
    .string()
    .trim()
    .max(500)
    .transform((v) => (v === "" ? null : v))
    .pipe(
      z
        .url({ protocol: /^https$/, message: "Use an https:// address of an image, or leave it empty." })
        .nullable(),
    ),
});
export type TProfileInput = z.input<typeof ZProfileInput>;

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

export async function updateMyProfile(db: Db, actor: Actor | null, input: unknown, ctx: AuditContext = {}) {
  assertSignedIn(actor);
  const parsed = ZProfileInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: users.name, image: users.image })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (!before) throw notFound("Your account");
    await tx.update(users).set(parsed.data).where(eq(users.id, actor.id));
    // A certificate waiting for a name to print is issued now.
    await issuePendingCertificates(tx, actor.id);
    await recordAudit(
      tx,
      actor,
      { action: "user.profile_updated", entityType: "user", entityId: actor.id, before, after: parsed.data },
      ctx,
    );
  });
}
