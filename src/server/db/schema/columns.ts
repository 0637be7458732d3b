import { sql } from "drizzle-orm";
import { timestamp, varchar } from "drizzle-orm/pg-core";

/** Primary keys: VARCHAR filled by the database (see docs/decisions.md, "Identifiers"). */
export const idColumn = () =>
  varchar("id")
    .primaryKey()
    .default(sql`gen_random_uuid()::varchar`);

/** Every timestamp is `timestamptz` (docs/decisions.md, "Timestamps"). */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** `created_at` / `updated_at`; `updated_at` is also maintained by a trigger (migration 0001). */
export const createdAt = () => tstz("created_at").notNull().defaultNow();
export const updatedAt = () => tstz("updated_at").notNull().defaultNow();
