import "server-only";
import { randomBytes } from "node:crypto";
import { desc, isNotNull, isNull, type SQL } from "drizzle-orm";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import type { Ed25519KeyPair } from "@digitalbazaar/ed25519-multikey";
import type { Db } from "../db/types";
import { credentialKeys } from "../db/schema";
import { getEnv } from "../env";
import { AppError } from "../errors";

/**
 * The issuer: `did:web:<APP_URL host>` (a port is written %3A, as did:web says), its DID document served at
 * APP_URL/.well-known/did.json. Every key the platform has signed with stays listed there (docs/decisions.md,
 * "Verifiable credentials").
 */
export function issuerDid(appUrl = getEnv().appUrl): string {
  return `did:web:${new URL(appUrl).host.replaceAll(":", "%3A")}`;
}

/** A key's verification method: the DID, then the public key as its fragment. */
export const verificationMethodId = (did: string, publicKeyMultibase: string) =>
  `${did}#${publicKeyMultibase}`;

export interface SigningKey {
  keyPair: Ed25519KeyPair;
  verificationMethod: string;
}

const pairs = new Map<string, Promise<Ed25519KeyPair>>();

/** The key pair of a seed under the current issuer (made once per process). */
function keyPairOf(seed: Uint8Array): Promise<Ed25519KeyPair> {
  const did = issuerDid();
  const cacheKey = `${did} ${Buffer.from(seed).toString("base64")}`;
  let pair = pairs.get(cacheKey);
  if (!pair) {
    pair = (async () => {
      const generated = await Ed25519Multikey.generate({ seed, controller: did });
      generated.id = verificationMethodId(did, generated.publicKeyMultibase);
      return generated;
    })();
    pair.catch(() => pairs.delete(cacheKey));
    pairs.set(cacheKey, pair);
  }
  return pair;
}

const registered = new Set<string>();

/**
 * The key that signs now. Production: CERTIFICATE_SIGNING_KEY, its public half recorded (once) so the DID
 * document lists it after it is replaced. Demo: the newest key kept in the database, made on first use.
 */
export async function currentSigningKey(db: Db): Promise<SigningKey> {
  const env = getEnv();
  let seed = env.certificateSigningSeed;
  if (!seed) {
    if (!env.isDemo) {
      throw new AppError("UNAVAILABLE", {
        userMessage: "Certificates cannot be signed: CERTIFICATE_SIGNING_KEY is not set.",
      });
    }
    const [newest] = await db
      .select({ seed: credentialKeys.seed })
      .from(credentialKeys)
      .where(isNotNull(credentialKeys.seed))
      .orderBy(desc(credentialKeys.createdAt))
      .limit(1);
    seed = newest?.seed ? new Uint8Array(Buffer.from(newest.seed, "base64")) : await rotateDemoSigningKey(db);
  }
  const keyPair = await keyPairOf(seed);
  if (env.certificateSigningSeed && !registered.has(keyPair.publicKeyMultibase)) {
    await db
      .insert(credentialKeys)
      .values({ publicKeyMultibase: keyPair.publicKeyMultibase })
      .onConflictDoNothing();
    registered.add(keyPair.publicKeyMultibase);
  }
  return { keyPair, verificationMethod: keyPair.id };
}

/**
 * Demo mode: a new key signs from now on; earlier keys stay listed, so what they signed still verifies.
 * (Production rotates by replacing CERTIFICATE_SIGNING_KEY.) Returns the new seed.
 */
export async function rotateDemoSigningKey(db: Db): Promise<Uint8Array> {
  if (!getEnv().isDemo) {
    throw new AppError("CONFLICT", {
      userMessage:
        "Production signs with CERTIFICATE_SIGNING_KEY: rotate by setting a new one (openssl rand -base64 32).",
    });
  }
  const seed = new Uint8Array(randomBytes(32));
  const keyPair = await keyPairOf(seed);
  await db
    .insert(credentialKeys)
    .values({ publicKeyMultibase: keyPair.publicKeyMultibase, seed: Buffer.from(seed).toString("base64") });
  return seed;
}

/**
 * The keys the issuer vouches for. In production, never a key whose private half sits in the database (a
 * demo key, should a demo database ever be promoted): anyone who can read the database or a backup could sign
 * with it.
 */
export function trustedKeys(): SQL | undefined {
  return getEnv().isDemo ? undefined : isNull(credentialKeys.seed);
}

/** Every public key the issuer has signed with, oldest first. */
export async function issuerPublicKeys(db: Db): Promise<string[]> {
  if (getEnv().certificateSigningSeed) await currentSigningKey(db); // the configured key is listed before first use
  const rows = await db
    .select({ publicKeyMultibase: credentialKeys.publicKeyMultibase })
    .from(credentialKeys)
    .where(trustedKeys())
    .orderBy(credentialKeys.createdAt, credentialKeys.publicKeyMultibase);
  return rows.map((r) => r.publicKeyMultibase);
}

/** The DID document: one Multikey verification method per key, each usable to assert (sign) credentials. */
export async function issuerDidDocument(db: Db) {
  const did = issuerDid();
  const keys = await issuerPublicKeys(db);
  const methods = keys.map((publicKeyMultibase) => ({
    id: verificationMethodId(did, publicKeyMultibase),
    type: "Multikey",
    controller: did,
    publicKeyMultibase,
  }));
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}
