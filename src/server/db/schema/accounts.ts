import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { createdAt, idColumn, tstz, updatedAt } from "./columns";
import { userRole } from "./enums";

// Property names follow what the Auth.js Drizzle adapter expects (emailVerified, userId,
// sessionToken, providerAccountId); SQL names are the document's snake_case.

export const users = pgTable(
  "users",
  {
    id: idColumn(),
    email: varchar("email").notNull().unique(),
    name: varchar("name"),
    role: userRole("role").notNull().default("STUDENT"),
    emailVerified: tstz("email_verified"),
    image: varchar("image"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("idx_users_email").on(t.email),
    index("idx_users_role").on(t.role),
    index("idx_users_created_at").on(t.createdAt),
    // Addresses differ only by case belong to one person (docs/decisions.md, "E-mail uniqueness").
    uniqueIndex("users_email_lower_unique").on(sql`lower(${t.email})`),
  ],
);

export const accounts = pgTable(
  "accounts",
  {
    id: idColumn(),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: varchar("type").notNull(),
    provider: varchar("provider").notNull(),
    providerAccountId: varchar("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: varchar("token_type"),
    scope: varchar("scope"),
    id_token: text("id_token"),
    session_state: varchar("session_state"),
  },
  (t) => [
    unique("accounts_provider_provider_account_id_key").on(t.provider, t.providerAccountId),
    index("idx_accounts_user_id").on(t.userId),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: idColumn(),
    sessionToken: varchar("session_token").notNull().unique(),
    userId: varchar("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: tstz("expires").notNull(),
    // Not in the document (migration 0002): what a user needs to recognise and revoke a session, and the
    // absolute lifetime (created_at) enforced on top of Auth.js's sliding expiry.
    createdAt: createdAt(),
    lastSeenAt: tstz("last_seen_at"),
    userAgent: varchar("user_agent"),
    ip: varchar("ip"),
  },
  (t) => [
    index("idx_sessions_user_id").on(t.userId, t.createdAt),
    index("idx_sessions_expires").on(t.expires),
  ],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: varchar("identifier").notNull(),
    token: varchar("token").notNull().unique(),
    expires: tstz("expires").notNull(),
  },
  // The document's UNIQUE(identifier, token) serves as the primary key (docs/decisions.md).
  (t) => [
    primaryKey({ name: "verification_tokens_pkey", columns: [t.identifier, t.token] }),
    index("idx_verification_tokens_expires").on(t.expires),
    check("verification_tokens_token_not_empty", sql`length(${t.token}) > 0`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Account = typeof accounts.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type VerificationToken = typeof verificationTokens.$inferSelect;
