import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors";
import { INT4_MAX, type TCatalogSort } from "./schemas";

/**
 * Keyset cursors: base64url JSON of the last row's sort key and id, with the sort and a fingerprint of
 * the filters it was made for. Opaque to clients; anything that does not decode to exactly this shape is
 * a 422 (never a database error), because every value is bounded to what its column can hold.
 */

/** Course ids are generated ASCII (gen_random_uuid); anything else, NUL included, never reaches the database. */
const ZId = z.string().regex(/^[\x21-\x7e]{1,100}$/);
const ZCount = z.int().min(0).max(INT4_MAX);
/** created_at at full (microsecond) precision, UTC: a JavaScript Date would lose the microseconds. */
const ZTimestamp = z
  .string()
  .regex(/^(19[7-9]\d|2\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/)
  .refine((s) => {
    // Runs even when the pattern failed (zod 4 runs every check): never throw on garbage.
    const d = new Date(s);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s.slice(0, 10);
  }, "not a calendar date");
const ZAverage = z.string().regex(/^[0-5]\.\d{2}$/);
/** ts_rank as float8: a finite, non-negative double PostgreSQL reads back exactly. */
const ZRank = z
  .number()
  .min(0)
  .max(1e6)
  .refine((r) => r === 0 || r >= 1e-300);

export const CURSOR_KEYS = {
  newest: z.tuple([ZTimestamp, ZId]),
  popular: z.tuple([ZCount, ZId]),
  rating: z.tuple([ZAverage, ZCount, ZId]),
  price_asc: z.tuple([ZCount, ZId]),
  price_desc: z.tuple([ZCount, ZId]),
  relevance: z.tuple([ZRank, ZId]),
} satisfies Record<TCatalogSort, z.ZodType>;

export type CursorKey<S extends TCatalogSort> = z.infer<(typeof CURSOR_KEYS)[S]>;

const ZEnvelope = z.object({ v: z.literal(1), s: z.string(), f: z.string(), k: z.array(z.unknown()) });

/** A short digest of what a page was filtered by; a cursor only continues the search it came from. */
export function filterFingerprint(filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 12);
}

export function encodeCursor<S extends TCatalogSort>(
  sort: S,
  fingerprint: string,
  key: CursorKey<S>,
): string {
  return Buffer.from(JSON.stringify({ v: 1, s: sort, f: fingerprint, k: key })).toString("base64url");
}

const invalidCursor = (message: string) =>
  new AppError("INVALID_INPUT", {
    userMessage: `Invalid cursor: ${message}`,
    fields: [{ path: "query.cursor", message }],
  });

export function decodeCursor<S extends TCatalogSort>(
  cursor: string,
  sort: S,
  fingerprint: string,
): CursorKey<S> {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor("it is not a cursor this API issued.");
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor("it is not a cursor this API issued.");
  }
  const envelope = ZEnvelope.safeParse(raw);
  if (!envelope.success) throw invalidCursor("it is not a cursor this API issued.");
  if (envelope.data.s !== sort || envelope.data.f !== fingerprint) {
    throw invalidCursor("it belongs to another search, filter or sort; start again from the first page.");
  }
  const key = CURSOR_KEYS[sort].safeParse(envelope.data.k);
  if (!key.success) throw invalidCursor("it is not a cursor this API issued.");
  return key.data as CursorKey<S>;
}
