import "server-only";
import { desc, lt, or, and, eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { mailOutbox } from "../db/schema";
import { getEnv } from "../env";
import { notFound } from "../errors";

export interface OutboxPage {
  items: { id: string; to: string; subject: string; text: string; createdAt: Date }[];
  nextCursor: string | null;
}

/** Demo mode's outbox, newest first, keyset-paginated. Does not exist in production. */
export async function findOutboxMessages(db: Db, cursor?: string, limit = 20): Promise<OutboxPage> {
  if (!getEnv().isDemo) throw notFound("The demo mailbox");
  let after: { at: Date; id: string } | undefined;
  if (cursor) {
    const [at, id] = cursor.split("_");
    const when = new Date(Number(at));
    if (id && !Number.isNaN(when.getTime())) after = { at: when, id };
  }
  const rows = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      subject: mailOutbox.subject,
      text: mailOutbox.text,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(
      after
        ? or(
            lt(mailOutbox.createdAt, after.at),
            and(eq(mailOutbox.createdAt, after.at), lt(mailOutbox.id, after.id)),
          )
        : undefined,
    )
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? `${last.createdAt.getTime()}_${last.id}` : null };
}
