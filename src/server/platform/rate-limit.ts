import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/rows";
import type { Db } from "../db/types";
import { AppError } from "../errors";

export interface RateLimitRule {
  /** e.g. "magic-link:email" */
  name: string;
  limit: number;
  windowSeconds: number;
}

/** Keys are hashed: rate-limit rows never hold an address or an IP in clear. */
const keyOf = (rule: RateLimitRule, subject: string) =>
  `${rule.name}:${createHash("sha256").update(subject.toLowerCase()).digest("hex").slice(0, 32)}`;

/**
 * Counts one hit in a fixed window, atomically (one UPSERT), and refuses with RATE_LIMITED past the limit.
 * Counting happens in the database so every app instance shares it (DESIGN.md convention 17).
 */
export async function consumeRateLimit(
  db: Db,
  rule: RateLimitRule,
  subject: string,
  now = new Date(),
): Promise<void> {
  const windowStart = new Date(
    Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000,
  );
  const [row] = await queryRows<{ count: string | number }>(
    db,
    sql`INSERT INTO rate_limits (key, window_start, count) VALUES (${keyOf(rule, subject)}, ${windowStart}, 1)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.window_start = EXCLUDED.window_start THEN rate_limits.count + 1 ELSE 1 END,
          window_start = EXCLUDED.window_start
        RETURNING count`,
  );
  if (Number(row?.count ?? 0) > rule.limit) {
    const minutes = Math.ceil(rule.windowSeconds / 60);
    throw new AppError("RATE_LIMITED", {
      userMessage: `Too many attempts. Please wait up to ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    });
  }
}
