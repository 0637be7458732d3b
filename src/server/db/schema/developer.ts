import { sql } from "drizzle-orm";
import { check, index, pgTable, text, varchar } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tstz } from "./columns";
import { users } from "./accounts";

/**
 * Not in the document (migration 0021): the developer platform (docs/decisions.md, "Personal API tokens").
 */

/** What a personal API token may do; `admin` only for admins, `author:*` only for instructors and admins. */
export const API_TOKEN_SCOPES = [
  "learn:read",
  "learn:write",
  "author:read",
  "author:write",
  "admin",
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/**
 * Personal API tokens. The secret is never stored: only its SHA-256 (`token_hash`, what a request is looked up
 * by) and the first characters after `aiw_` (`display_prefix`), so the owner can tell tokens apart. A revoked
 * token keeps its row (revoked_at, revoked_reason) so the list and the audit can say what happened.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: idColumn(),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 80 }).notNull(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull().unique("api_tokens_token_hash_key"),
    displayPrefix: varchar("display_prefix", { length: 16 }).notNull(),
    scopes: text("scopes").array().notNull(),
    createdAt: createdAt(),
    lastUsedAt: tstz("last_used_at"),
    expiresAt: tstz("expires_at"),
    revokedAt: tstz("revoked_at"),
    revokedReason: varchar("revoked_reason", { length: 32 }),
  },
  (t) => [
    index("idx_api_tokens_user_id").on(t.userId, t.createdAt),
    check(
      "api_tokens_scopes_known",
      sql`cardinality(${t.scopes}) > 0 AND ${t.scopes} <@ ARRAY['learn:read', 'learn:write', 'author:read', 'author:write', 'admin']::text[]`,
    ),
    check(
      "api_tokens_revoked_reason_known",
      sql`${t.revokedReason} IS NULL OR ${t.revokedReason} IN ('REVOKED_BY_USER', 'ROLE_CHANGED')`,
    ),
  ],
);

export type ApiToken = typeof apiTokens.$inferSelect;
