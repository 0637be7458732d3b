import "server-only";
import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { credentialKeys } from "../db/schema";
import { getEnv } from "../env";
import { documentLoader, MULTIKEY_CONTEXT } from "./documents";
import { issuerDid, issuerDidDocument } from "./keys";
import { isRevoked, STATUS_LIST_LENGTH, statusListCredential, statusListNumber } from "./status-list";

export type Verdict = "valid" | "tampered" | "revoked" | "unknown_key";

export interface CredentialVerification {
  valid: boolean;
  verdict: Verdict;
  checks: { signature: boolean; status: boolean; issuer: boolean };
  /** What a person reads: why, in a sentence. */
  message: string;
}

const MESSAGES: Record<Verdict, string> = {
  valid: "This credential was issued by this platform, has not been changed, and has not been revoked.",
  tampered:
    "This credential does not match its signature: it was changed after it was issued, or it is not a credential.",
  revoked:
    "This credential was issued by this platform and is unchanged, but it has been revoked (for example, its purchase was refunded).",
  unknown_key:
    "This credential was not signed by this platform: its issuer or signing key is not one this platform uses.",
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function result(verdict: Verdict, checks: CredentialVerification["checks"]): CredentialVerification {
  return { valid: verdict === "valid", verdict, checks, message: MESSAGES[verdict] };
}

/** The status position a credential of this platform points at, or null when it has none of ours. */
function statusIndexOf(credential: Record<string, unknown>): number | null {
  const entry = credential.credentialStatus;
  if (!isObject(entry) || entry.type !== "BitstringStatusListEntry" || entry.statusPurpose !== "revocation")
    return null;
  const list =
    typeof entry.statusListCredential === "string" ? statusListNumber(entry.statusListCredential) : null;
  const index =
    typeof entry.statusListIndex === "string" && /^\d{1,10}$/.test(entry.statusListIndex)
      ? Number(entry.statusListIndex)
      : null;
  if (list === null || index === null || Math.floor(index / STATUS_LIST_LENGTH) !== list) return null;
  return index;
}

/**
 * Checks a credential the way an outside verifier would, with nothing fetched from outside: the issuer must be
 * this platform's DID, the proof's key one it lists (any it has ever signed with), the signature must hold
 * over the credential as given, and its status-list position must not be revoked.
 */
export async function verifyCredentialDocument(db: Db, credential: unknown): Promise<CredentialVerification> {
  const none = { signature: false, status: false, issuer: false };
  if (!isObject(credential) || !isObject(credential.proof)) return result("tampered", none);
  const did = issuerDid();
  const issuer = isObject(credential.issuer) ? credential.issuer.id : credential.issuer;
  const method = credential.proof.verificationMethod;
  const prefix = `${did}#`;
  if (issuer !== did || typeof method !== "string" || !method.startsWith(prefix)) {
    return result("unknown_key", { ...none, issuer: issuer === did });
  }
  const publicKeyMultibase = method.slice(prefix.length);
  const [known] = await db
    .select({ publicKeyMultibase: credentialKeys.publicKeyMultibase })
    .from(credentialKeys)
    .where(eq(credentialKeys.publicKeyMultibase, publicKeyMultibase));
  if (!known) return result("unknown_key", { ...none, issuer: true });

  const appUrl = getEnv().appUrl;
  const loader = documentLoader(async (url) => {
    if (url === did) return issuerDidDocument(db);
    if (url === method) {
      return {
        "@context": MULTIKEY_CONTEXT,
        id: method,
        type: "Multikey",
        controller: did,
        publicKeyMultibase,
      };
    }
    const list = url.startsWith(`${appUrl}/`) ? statusListNumber(url, appUrl) : null;
    return list === null ? undefined : statusListCredential(db, list);
  });
  const index = statusIndexOf(credential);
  const suite = new DataIntegrityProof({ cryptosuite });
  // The status is read from the database below (the same bits the published list carries).
  const checked = await vc.verifyCredential({
    credential,
    suite,
    documentLoader: loader,
    checkStatus: async () => ({ verified: true }),
  });
  if (!checked.verified || index === null) return result("tampered", { ...none, issuer: true });
  const revoked = await isRevoked(db, index);
  return result(revoked ? "revoked" : "valid", { signature: true, status: !revoked, issuer: true });
}
