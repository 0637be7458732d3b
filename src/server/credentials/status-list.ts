import "server-only";
import { and, gte, inArray, lt, sql } from "drizzle-orm";
import { createList } from "@digitalbazaar/vc-bitstring-status-list";
import type { Db } from "../db/types";
import { certificateCredentials, credentialRevocations } from "../db/schema";
import { queryRows } from "../db/rows";
import { getEnv } from "../env";
import { notFound } from "../errors";
import { VC_V2_CONTEXT } from "./documents";
import { issuerDid } from "./keys";
import { signCredential } from "./sign";

/**
 * Revocation is published as Bitstring Status Lists of 131,072 positions each (the specification's minimum
 * size, so one position says little about who holds it): list N covers positions N×131072 to (N+1)×131072−1.
 */
export const STATUS_LIST_LENGTH = 131_072;

export const statusListUrl = (list: number, appUrl = getEnv().appUrl) =>
  `${appUrl}/credentials/status/${list}`;

/** The list number of a status-list URL of this platform, or null. */
export function statusListNumber(url: string, appUrl = getEnv().appUrl): number | null {
  const prefix = `${appUrl}/credentials/status/`;
  if (!url.startsWith(prefix)) return null;
  const rest = url.slice(prefix.length);
  return /^(0|[1-9]\d{0,6})$/.test(rest) ? Number(rest) : null;
}

/**
 * The `credentialStatus` entry of the credential at platform-wide position `index`: the list it falls in, and
 * (as the specification says) its position within that list.
 */
export function statusEntry(index: number) {
  const list = Math.floor(index / STATUS_LIST_LENGTH);
  const local = index % STATUS_LIST_LENGTH;
  const url = statusListUrl(list);
  return {
    id: `${url}#${local}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(local),
    statusListCredential: url,
  };
}

/** The platform-wide position a status entry of this platform points at, or null when it is not one. */
export function statusPosition(entry: unknown): number | null {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return null;
  const e = entry as Record<string, unknown>;
  if (e.type !== "BitstringStatusListEntry" || e.statusPurpose !== "revocation") return null;
  const list = typeof e.statusListCredential === "string" ? statusListNumber(e.statusListCredential) : null;
  const local =
    typeof e.statusListIndex === "string" && /^(0|[1-9]\d{0,5})$/.test(e.statusListIndex)
      ? Number(e.statusListIndex)
      : null;
  if (list === null || local === null || local >= STATUS_LIST_LENGTH) return null;
  return list * STATUS_LIST_LENGTH + local;
}

/** Whether the credential at `index` is revoked (one primary-key lookup). */
export async function isRevoked(db: Db, index: number): Promise<boolean> {
  const rows = await db
    .select({ i: credentialRevocations.statusListIndex })
    .from(credentialRevocations)
    .where(sql`${credentialRevocations.statusListIndex} = ${index}`);
  return rows.length > 0;
}

/**
 * Revokes every credential of the certificates matched (their status bits are set; a bit is never cleared).
 * Runs in the transaction that revokes the certificate or erases its holder.
 */
export async function revokeCredentialsOf(
  tx: Db,
  certificateIds: string[],
  reason: "CERTIFICATE_REVOKED" | "ACCOUNT_ERASED",
): Promise<void> {
  if (certificateIds.length === 0) return;
  const positions = await tx
    .select({ index: certificateCredentials.statusListIndex })
    .from(certificateCredentials)
    .where(inArray(certificateCredentials.certificateId, certificateIds));
  if (positions.length === 0) return;
  await tx
    .insert(credentialRevocations)
    .values(positions.map((p) => ({ statusListIndex: p.index, reason })))
    .onConflictDoNothing();
}

interface CachedList {
  revoked: number;
  credential: Record<string, unknown>;
}
const cache = new Map<string, CachedList>();

/**
 * The signed status list credential number `list`. Rebuilt only when its count of revoked positions changed
 * (positions are only ever added, so the count is a version); otherwise the signed copy is served again.
 */
export async function statusListCredential(db: Db, list: number): Promise<Record<string, unknown>> {
  const [seq] = await queryRows<{ last_value: string | number }>(
    db,
    sql`SELECT last_value FROM credential_status_index_seq`,
  );
  const lastList = Math.floor(Number(seq?.last_value ?? 0) / STATUS_LIST_LENGTH);
  if (!Number.isSafeInteger(list) || list < 0 || list > lastList) throw notFound("This status list");
  const from = list * STATUS_LIST_LENGTH;
  const to = from + STATUS_LIST_LENGTH;
  const inList = and(
    gte(credentialRevocations.statusListIndex, from),
    lt(credentialRevocations.statusListIndex, to),
  );
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(credentialRevocations)
    .where(inList);
  const revoked = Number(counted?.n ?? 0);
  const key = `${getEnv().appUrl} ${list}`;
  const hit = cache.get(key);
  if (hit && hit.revoked === revoked) return hit.credential;

  const bits = await createList({ length: STATUS_LIST_LENGTH });
  const rows = await db
    .select({ index: credentialRevocations.statusListIndex })
    .from(credentialRevocations)
    .where(inList);
  for (const r of rows) bits.setStatus(r.index - from, true);
  const url = statusListUrl(list);
  const credential = await signCredential(db, {
    "@context": [VC_V2_CONTEXT],
    id: url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: issuerDid(),
    validFrom: new Date().toISOString(),
    credentialSubject: {
      id: `${url}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: await bits.encode(),
    },
  });
  cache.set(key, { revoked: rows.length, credential });
  return credential;
}

/** For tests: forget the signed lists (a rotated key signs the next one). */
export function clearStatusListCache() {
  cache.clear();
}
