import "server-only";
import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { credentialKeys } from "../db/schema";
import { documentLoader, MULTIKEY_CONTEXT, OPEN_BADGES_CONTEXT, VC_V2_CONTEXT } from "./documents";
import { issuerDid, issuerDidDocument, trustedKeys } from "./keys";
import { isRevoked, statusPosition } from "./status-list";

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

/**
 * Checks a credential the way an outside verifier would, with nothing fetched from outside: the issuer must be
 * this platform's DID, the proof's key one it lists (any it has ever signed with), the signature must hold
 * over the credential as given, and its status-list position must not be revoked.
 */
export async function verifyCredentialDocument(db: Db, credential: unknown): Promise<CredentialVerification> {
  const none = { signature: false, status: false, issuer: false };
  if (!isObject(credential) || !isObject(credential.proof)) return result("tampered", none);
  // The shape every credential of this platform has, checked before any (costly) canonicalization: its two
  // contexts exactly, its type, and an eddsa-rdfc-2022 proof. Anything else is not one of ours as issued.
  const context = credential["@context"];
  const proof = credential.proof;
  if (
    !Array.isArray(context) ||
    context.length !== 2 ||
    context[0] !== VC_V2_CONTEXT ||
    context[1] !== OPEN_BADGES_CONTEXT ||
    !Array.isArray(credential.type) ||
    !credential.type.includes("OpenBadgeCredential") ||
    proof.type !== "DataIntegrityProof" ||
    proof.cryptosuite !== "eddsa-rdfc-2022"
  ) {
    return result("tampered", none);
  }
  const did = issuerDid();
  const issuer = isObject(credential.issuer) ? credential.issuer.id : credential.issuer;
  const method = credential.proof.verificationMethod;
  const prefix = `${did}#`;
  if (issuer !== did || typeof method !== "string" || !method.startsWith(prefix)) {
    return result("unknown_key", { ...none, issuer: issuer === did });
  }
  const publicKeyMultibase = method.slice(prefix.length);
  // An Ed25519 Multikey is base58btc ("z…"); anything else (control characters included) is not a key of ours.
  if (!/^z[1-9A-HJ-NP-Za-km-z]{40,60}$/.test(publicKeyMultibase)) {
    return result("unknown_key", { ...none, issuer: true });
  }
  const [known] = await db
    .select({ publicKeyMultibase: credentialKeys.publicKeyMultibase })
    .from(credentialKeys)
    .where(and(eq(credentialKeys.publicKeyMultibase, publicKeyMultibase), trustedKeys()));
  if (!known) return result("unknown_key", { ...none, issuer: true });

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
    // Nothing else is fetched: the status is read from the database below, not from a status list.
    return undefined;
  });
  const index = statusPosition(credential.credentialStatus);
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
