import "server-only";
import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import type { Db } from "../db/types";
import { documentLoader } from "./documents";
import { currentSigningKey } from "./keys";

/** Issuing resolves bundled contexts only. */
const contextsOnly = documentLoader(async () => undefined);

/** Adds a Data Integrity proof (eddsa-rdfc-2022) made with the current key; returns the signed credential. */
export async function signCredential(
  db: Db,
  credential: Record<string, unknown>,
): Promise<Record<string, unknown> & { proof: { verificationMethod: string } }> {
  const { keyPair } = await currentSigningKey(db);
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite });
  const signed = await vc.issue({ credential, suite, documentLoader: contextsOnly });
  return signed as Record<string, unknown> & { proof: { verificationMethod: string } };
}
