import { sql, type AnyColumn } from "drizzle-orm";
import type { z } from "zod";
import { AppError } from "../errors";

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Decodes and validates a cursor; a tampered one is a 422, never a 500. */
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new AppError("INVALID_INPUT", {
    userMessage: "The page cursor is not valid; start again from the first page.",
    fields: [{ path: "cursor", message: "invalid cursor" }],
  });
}

/** A timestamptz column as text at full (microsecond) precision, for keyset cursors (a Date keeps only ms). */
export const timestampKey = (column: AnyColumn) =>
  sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Rows strictly after (created_at, id) in descending keyset order. */
export const olderThan = (createdAt: AnyColumn, id: AnyColumn, key: readonly [string, string]) =>
  sql`(${createdAt}, ${id}) < (${key[0]}::timestamptz, ${key[1]})`;
