import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "./errors";

/**
 * Keyset pagination, the one way every list pages (docs/decisions.md, "Keyset pagination"). A cursor is
 * base64url JSON `{ v: 1, k: [sort key…, id], s? }`: the last row's sort key, and optionally the scope it was
 * made for (the catalog's sort and filter fingerprint), so a cursor only continues the list it came from.
 * Opaque to clients. Every key is validated with a zod schema bounded to what its column holds before it
 * reaches SQL: a tampered, truncated or foreign cursor is an INVALID_INPUT (422), never a database error.
 */

const ZEnvelope = z.object({
  v: z.literal(1),
  k: z.array(z.unknown()).max(8),
  s: z.string().max(200).optional(),
});

/** Generated ASCII ids (gen_random_uuid); anything else, NUL included, never reaches the database. */
export const ZKeyId = z.string().regex(/^[\x21-\x7e]{1,100}$/);

/** A timestamptz at full (microsecond) precision in UTC, as `timestampKey` writes it; a real calendar date. */
export const ZKeyTimestamp = z
  .string()
  .regex(/^(19[7-9]\d|2\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/)
  .refine((s) => {
    // zod 4 runs every check even when the pattern failed: never throw on garbage.
    const d = new Date(s);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10);
  }, "not a calendar date");

/** The most common key: (created_at, id), newest first. */
export const ZTimeIdKey = z.tuple([ZKeyTimestamp, ZKeyId]);
export type TimeIdKey = z.infer<typeof ZTimeIdKey>;

/** Query-string fields every paginated list accepts. */
export const ZCursorParam = z.string().max(1000).optional().describe("nextCursor of the previous page");

export function encodeCursor(key: readonly unknown[], scope?: string): string {
  return Buffer.from(
    JSON.stringify(scope === undefined ? { v: 1, k: key } : { v: 1, k: key, s: scope }),
  ).toString("base64url");
}

export function invalidCursor(
  message = "it is not a cursor this list issued; start again from the first page.",
  field = "cursor",
) {
  return new AppError("INVALID_INPUT", {
    userMessage: `Invalid cursor: ${message}`,
    fields: [{ path: field, message }],
  });
}

/**
 * Decodes and validates a cursor (undefined when none was given). `scope` must equal the one it was encoded
 * with; `field` names the parameter in the error.
 */
export function decodeCursor<T>(
  cursor: string | undefined | null,
  schema: z.ZodType<T>,
  opts: { scope?: string; field?: string } = {},
): T | undefined {
  if (cursor === undefined || cursor === null || cursor === "") return undefined;
  const field = opts.field ?? "cursor";
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor(undefined, field);
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor(undefined, field);
  }
  const envelope = ZEnvelope.safeParse(raw);
  if (!envelope.success) throw invalidCursor(undefined, field);
  if (envelope.data.s !== opts.scope) {
    throw invalidCursor(
      "it belongs to another search, filter or sort; start again from the first page.",
      field,
    );
  }
  const key = schema.safeParse(envelope.data.k);
  if (!key.success) throw invalidCursor(undefined, field);
  return key.data;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A page from a query that asked for `limit + 1` rows: the first `limit` rows, and a cursor made from the
 * last of them when there was one more.
 */
export function toPage<R, T = R>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => readonly unknown[],
  opts: { map?: (row: R) => T; scope?: string } = {},
): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: opts.map ? page.map(opts.map) : (page as unknown as T[]),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last), opts.scope) : null,
  };
}

/** A timestamptz column as text at full (microsecond) precision, for keys (a JavaScript Date keeps only ms). */
export const timestampKey = (column: AnyColumn | SQL) =>
  sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows strictly after (created_at, id) in descending keyset order, answered from an index on both. */
export const olderThan = (createdAt: AnyColumn, id: AnyColumn, key: TimeIdKey) =>
  sql`(${createdAt}, ${id}) < (${key[0]}::timestamptz, ${key[1]})`;

/** A row without its cursor key (the `key` column a keyset query selects for `toPage`). */
export function withoutKey<R extends { key: unknown }>(row: R): Omit<R, "key"> {
  const { key, ...rest } = row;
  void key;
  return rest;
}
