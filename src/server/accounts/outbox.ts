import "server-only";
import { desc } from "drizzle-orm";
import type { Db } from "../db/types";
import { mailOutbox } from "../db/schema";
import { getEnv } from "../env";
import { notFound } from "../errors";
import {
  decodeCursor,
  olderThan,
  timestampKey,
  toPage,
  ZTimeIdKey,
  type Page,
  type TimeIdKey,
  withoutKey,
} from "../pagination";

export type OutboxPage = Page<{ id: string; to: string; subject: string; text: string; createdAt: Date }>;

/** Demo mode's outbox, newest first, keyset-paginated. Does not exist in production. */
export async function findOutboxMessages(db: Db, cursor?: string, limit = 20): Promise<OutboxPage> {
  if (!getEnv().isDemo) throw notFound("The demo mailbox");
  // A cursor the mailbox cannot read shows the first page (a dev tool: no error page for a stale link).
  let after: ReturnType<typeof decodeCursor<TimeIdKey>>;
  try {
    after = decodeCursor(cursor, ZTimeIdKey);
  } catch {
    after = undefined;
  }
  const rows = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      subject: mailOutbox.subject,
      text: mailOutbox.text,
      createdAt: mailOutbox.createdAt,
      key: timestampKey(mailOutbox.createdAt),
    })
    .from(mailOutbox)
    .where(after ? olderThan(mailOutbox.createdAt, mailOutbox.id, after) : undefined)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.key, r.id], { map: withoutKey });
}
