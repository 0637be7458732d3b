import { createHash } from "node:crypto";
import { z } from "zod";
import {
  decodeCursor as decodeKeyset,
  encodeCursor as encodeKeyset,
  ZKeyId as ZId,
  ZKeyTimestamp as ZTimestamp,
} from "../pagination";
import { INT4_MAX, type TCatalogSort } from "./schemas";

/**
 * The catalog's keyset cursors (src/server/pagination.ts): the last row's sort key and id, scoped to the sort
 * and a fingerprint of the filters they were made for, every value bounded to what its column can hold.
 */

const ZCount = z.int().min(0).max(INT4_MAX);
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
  return encodeKeyset(key, `${sort}:${fingerprint}`);
}

export function decodeCursor<S extends TCatalogSort>(
  cursor: string,
  sort: S,
  fingerprint: string,
): CursorKey<S> {
  return decodeKeyset(cursor, CURSOR_KEYS[sort] as unknown as z.ZodType<CursorKey<S>>, {
    scope: `${sort}:${fingerprint}`,
    field: "query.cursor",
  })!;
}
