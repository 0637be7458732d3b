import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { checkStatus, decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import { restoreEnv, setEnv } from "../../../tests/helpers/env";
import { eraseMyAccount } from "../accounts/erase";
import type { Database } from "../db/client";
import { certificateCredentials, certificates, credentialKeys, credentialRevocations } from "../db/schema";
import { createCourse, createEnrollment, createUser } from "../db/seed/factories";
import { generateCertificateNumber } from "@/lib/certificate-number";
import { loadEnv } from "../env";
import { revokeEnrollment } from "../learning/enrollment-state";
import { certificateCredential } from "./credential";
import { documentLoader, OPEN_BADGES_CONTEXT, VC_V2_CONTEXT } from "./documents";
import { issuerDid, issuerDidDocument, rotateDemoSigningKey } from "./keys";
import {
  clearStatusListCache,
  STATUS_LIST_LENGTH,
  statusEntry,
  statusListCredential,
  statusPosition,
} from "./status-list";
import { verifyCredentialDocument } from "./verify";

let database: Database;
beforeAll(async () => {
  setEnv({ APP_URL: "http://localhost:3000" });
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
  restoreEnv();
});
const db = () => database.db;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let serial = 0;
/** A completed course with its certificate, as completion leaves them. */
async function certified(name = "Ada Lovelace") {
  serial += 1;
  const user = await createUser(db(), {
    name,
    email: `holder${serial}@example.com`,
    emailVerified: new Date(),
  });
  const course = await createCourse(db(), { title: `Transformers in practice ${serial}`, published: true });
  await createEnrollment(db(), user.id, course.id, { status: "COMPLETED", completedAt: new Date() });
  const number = generateCertificateNumber(2026);
  const [cert] = await db()
    .insert(certificates)
    .values({
      userId: user.id,
      courseId: course.id,
      certificateNumber: number,
      holderName: name,
      courseTitle: course.title,
      issuedAt: new Date("2026-11-20T10:00:00Z"),
    })
    .returning();
  return { user, course, cert: cert! };
}

const copy = (c: Json): Json => JSON.parse(JSON.stringify(c)) as Json;

describe("certificates as Open Badges 3.0 credentials", () => {
  it("issues an OpenBadgeCredential with every property the data model requires, signed by the did:web issuer", async () => {
    const { cert, course } = await certified();
    const credential = (await certificateCredential(db(), cert.certificateNumber)) as Json;
    const did = issuerDid();
    expect(did).toBe("did:web:localhost%3A3000");
    // Verifiable Credentials 2.0 context first, then Open Badges 3.0.
    expect(credential["@context"]).toEqual([VC_V2_CONTEXT, OPEN_BADGES_CONTEXT]);
    expect(credential.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.issuer).toMatchObject({ id: did, type: ["Profile"], name: "AI Whisperers" });
    expect(new Date(credential.validFrom).toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(credential.name).toContain(course.title);
    const subject = credential.credentialSubject;
    expect(subject.type).toEqual(["AchievementSubject"]);
    expect(subject.identifier).toEqual([
      { type: "IdentityObject", identityHash: "Ada Lovelace", identityType: "name", hashed: false },
    ]);
    const achievement = subject.achievement;
    expect(achievement.id).toBe(`urn:uuid:${course.id}`);
    expect(achievement.type).toEqual(["Achievement"]);
    expect(achievement.name).toBe(course.title);
    expect(typeof achievement.description).toBe("string");
    expect(achievement.criteria.narrative.length).toBeGreaterThan(10);
    expect(credential.evidence[0].id).toBe(`http://localhost:3000/certificates/${cert.certificateNumber}`);
    expect(credential.credentialStatus).toMatchObject({
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListCredential: "http://localhost:3000/credentials/status/0",
    });
    expect(credential.proof).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      proofPurpose: "assertionMethod",
    });
    // The proof's key resolves in the DID document served at /.well-known/did.json.
    const didDocument = await issuerDidDocument(db());
    expect(didDocument.assertionMethod).toContain(credential.proof.verificationMethod);
    expect(didDocument.verificationMethod.map((m) => m.type)).toContain("Multikey");

    // The same credential every time (stored as signed), and it verifies.
    expect(await certificateCredential(db(), cert.certificateNumber.toLowerCase())).toEqual(credential);
    const verdict = await verifyCredentialDocument(db(), credential);
    expect(verdict).toMatchObject({
      valid: true,
      verdict: "valid",
      checks: { signature: true, status: true, issuer: true },
    });
  });

  it("reports a changed byte as tampered, and what is not a credential likewise", async () => {
    const { cert } = await certified("Grace Hopper");
    const credential = (await certificateCredential(db(), cert.certificateNumber)) as Json;
    const renamed = copy(credential);
    renamed.credentialSubject.identifier[0].identityHash = "Grace Hoppes";
    expect(await verifyCredentialDocument(db(), renamed)).toMatchObject({
      valid: false,
      verdict: "tampered",
      checks: { signature: false, issuer: true },
    });
    const redated = copy(credential);
    redated.validFrom = "2026-11-20T10:00:01.000Z";
    expect((await verifyCredentialDocument(db(), redated)).verdict).toBe("tampered");
    const resigned = copy(credential);
    resigned.proof.proofValue = resigned.proof.proofValue.slice(0, -2) + "zz";
    expect((await verifyCredentialDocument(db(), resigned)).verdict).toBe("tampered");
    // A term no context defines is refused (safe-mode JSON-LD), not silently ignored.
    expect((await verifyCredentialDocument(db(), { ...copy(credential), extra: "x" })).verdict).toBe(
      "tampered",
    );
    // A context the platform does not bundle is never fetched.
    const foreign = copy(credential);
    foreign["@context"] = [...foreign["@context"], "https://attacker.example/context.json"];
    expect((await verifyCredentialDocument(db(), foreign)).verdict).toBe("tampered");
    expect((await verifyCredentialDocument(db(), "not a credential")).verdict).toBe("tampered");
    expect((await verifyCredentialDocument(db(), { ...copy(credential), proof: undefined })).verdict).toBe(
      "tampered",
    );
  });

  it("reports another issuer or a key it never listed as unknown_key", async () => {
    const { cert } = await certified("Alan Turing");
    const credential = (await certificateCredential(db(), cert.certificateNumber)) as Json;
    const otherIssuer = copy(credential);
    otherIssuer.issuer.id = "did:web:elsewhere.example";
    expect(await verifyCredentialDocument(db(), otherIssuer)).toMatchObject({
      verdict: "unknown_key",
      checks: { issuer: false },
    });
    // Signed with our DID as issuer but a key that is not ours.
    const did = issuerDid();
    const stranger = await Ed25519Multikey.generate({ controller: did });
    stranger.id = `${did}#${stranger.publicKeyMultibase}`;
    const unsigned = copy(credential);
    delete unsigned.proof;
    const forged = await vc.issue({
      credential: unsigned,
      suite: new DataIntegrityProof({ signer: stranger.signer(), cryptosuite }),
      documentLoader: documentLoader(async () => undefined),
    });
    expect(await verifyCredentialDocument(db(), forged)).toMatchObject({
      valid: false,
      verdict: "unknown_key",
      checks: { signature: false, issuer: true },
    });
  });

  it("keeps verifying credentials signed before a key rotation; new ones are signed with the new key", async () => {
    const before = await certified("Katherine Johnson");
    const old = (await certificateCredential(db(), before.cert.certificateNumber)) as Json;
    await rotateDemoSigningKey(db());
    clearStatusListCache();
    const after = await certified("Dorothy Vaughan");
    const fresh = (await certificateCredential(db(), after.cert.certificateNumber)) as Json;
    expect(fresh.proof.verificationMethod).not.toBe(old.proof.verificationMethod);
    const didDocument = await issuerDidDocument(db());
    expect(didDocument.assertionMethod).toEqual(
      expect.arrayContaining([old.proof.verificationMethod, fresh.proof.verificationMethod]),
    );
    expect((await verifyCredentialDocument(db(), old)).verdict).toBe("valid");
    expect((await verifyCredentialDocument(db(), fresh)).verdict).toBe("valid");
    // A key removed from the issuer's list no longer vouches for what it signed.
    await db()
      .delete(credentialKeys)
      .where(eq(credentialKeys.publicKeyMultibase, old.proof.verificationMethod.split("#")[1]));
    expect((await verifyCredentialDocument(db(), old)).verdict).toBe("unknown_key");
  });

  it("signs with CERTIFICATE_SIGNING_KEY when set; replacing it keeps the old key listed and its credentials valid", async () => {
    setEnv({ CERTIFICATE_SIGNING_KEY: Buffer.alloc(32, 1).toString("base64") });
    const first = await certified("Frances Allen");
    const signedA = (await certificateCredential(db(), first.cert.certificateNumber)) as Json;
    setEnv({ CERTIFICATE_SIGNING_KEY: Buffer.alloc(32, 2).toString("base64url") });
    const second = await certified("Jean Sammet");
    const signedB = (await certificateCredential(db(), second.cert.certificateNumber)) as Json;
    setEnv({ CERTIFICATE_SIGNING_KEY: undefined });
    expect(signedA.proof.verificationMethod).not.toBe(signedB.proof.verificationMethod);
    const methods = (await issuerDidDocument(db())).assertionMethod;
    expect(methods).toEqual(
      expect.arrayContaining([signedA.proof.verificationMethod, signedB.proof.verificationMethod]),
    );
    // The configured keys' private halves are never stored.
    const stored = await db()
      .select()
      .from(credentialKeys)
      .where(eq(credentialKeys.publicKeyMultibase, signedA.proof.verificationMethod.split("#")[1]));
    expect(stored[0]?.seed).toBeNull();
    expect((await verifyCredentialDocument(db(), signedA)).verdict).toBe("valid");
    expect((await verifyCredentialDocument(db(), signedB)).verdict).toBe("valid");
  });

  it("revokes a refunded course's credential on the published status list, as an outside verifier sees it", async () => {
    const { user, course, cert } = await certified("Hedy Lamarr");
    const credential = (await certificateCredential(db(), cert.certificateNumber)) as Json;
    const index = Number(credential.credentialStatus.statusListIndex);
    await db().transaction((tx) => revokeEnrollment(tx, user.id, course.id, new Date()));
    expect(await verifyCredentialDocument(db(), credential)).toMatchObject({
      valid: false,
      verdict: "revoked",
      checks: { signature: true, status: false, issuer: true },
    });
    // The revoked certificate's credential is still served (as revoked), never a fresh valid one.
    expect(await certificateCredential(db(), cert.certificateNumber)).toEqual(credential);

    // The status list served at /credentials/status/0 is signed and has the bit set.
    const list = (await statusListCredential(db(), 0)) as Json;
    expect(list.type).toEqual(["VerifiableCredential", "BitstringStatusListCredential"]);
    const bits = await decodeList({ encodedList: list.credentialSubject.encodedList });
    expect(bits.getStatus(index)).toBe(true);
    // An outside verifier (the library's own status check, resolving only what the platform serves).
    const loader = documentLoader(async (url) => {
      if (url === credential.issuer.id) return issuerDidDocument(db());
      if (url.startsWith(`${credential.issuer.id}#`)) {
        const doc = await issuerDidDocument(db());
        const method = doc.verificationMethod.find((m) => m.id === url);
        return method && { "@context": "https://w3id.org/security/multikey/v1", ...method };
      }
      if (url === "http://localhost:3000/credentials/status/0") return statusListCredential(db(), 0);
      return undefined;
    });
    const outside = await checkStatus({
      credential,
      documentLoader: loader,
      suite: new DataIntegrityProof({ cryptosuite }),
    });
    expect(outside).toMatchObject({ verified: true, results: [{ verified: true, status: true }] });
    const stillValid = await certified("Mary Jackson");
    const valid = (await certificateCredential(db(), stillValid.cert.certificateNumber)) as Json;
    expect(
      await checkStatus({
        credential: valid,
        documentLoader: loader,
        suite: new DataIntegrityProof({ cryptosuite }),
      }),
    ).toMatchObject({ verified: true, results: [{ verified: true, status: false }] });
  });

  it("issues no credential for a certificate revoked before one was asked for; a certificate valid again gets a new one", async () => {
    const { user, course, cert } = await certified("Radia Perlman");
    await db().transaction((tx) => revokeEnrollment(tx, user.id, course.id, new Date()));
    await expect(certificateCredential(db(), cert.certificateNumber)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // Bought again and completed: valid again; the credential is a new one at a new position.
    await db().update(certificates).set({ revokedAt: null }).where(eq(certificates.id, cert.id));
    const first = (await certificateCredential(db(), cert.certificateNumber)) as Json;
    await db().transaction((tx) => revokeEnrollment(tx, user.id, course.id, new Date()));
    await db().update(certificates).set({ revokedAt: null }).where(eq(certificates.id, cert.id));
    const second = (await certificateCredential(db(), cert.certificateNumber)) as Json;
    expect(second.id).not.toBe(first.id);
    expect(second.credentialStatus.statusListIndex).not.toBe(first.credentialStatus.statusListIndex);
    expect((await verifyCredentialDocument(db(), first)).verdict).toBe("revoked");
    expect((await verifyCredentialDocument(db(), second)).verdict).toBe("valid");
  });

  it("revokes the credentials of an erased account; the bits outlive the rows", async () => {
    const { user, cert } = await certified("Barbara Liskov");
    const credential = (await certificateCredential(db(), cert.certificateNumber)) as Json;
    await eraseMyAccount(db(), actorOf(user), { confirmEmail: user.email });
    expect(
      await db()
        .select()
        .from(certificateCredentials)
        .where(eq(certificateCredentials.certificateId, cert.id)),
    ).toHaveLength(0);
    const [bit] = await db()
      .select()
      .from(credentialRevocations)
      .where(eq(credentialRevocations.statusListIndex, Number(credential.credentialStatus.statusListIndex)));
    expect(bit?.reason).toBe("ACCOUNT_ERASED");
    expect((await verifyCredentialDocument(db(), credential)).verdict).toBe("revoked");
  });

  it.skipIf(!onPostgres)(
    "revokes a credential issued while the account is being erased (the erasure locks the certificates first)",
    async () => {
      // A third connection holds the credentials table, so issuing stops just before it records the credential,
      // holding the certificate's row lock; the erasure then starts. With its lock it waits for the issue to
      // finish and revokes what was issued; without it, it would read no credential, wait only at the delete,
      // and the credential handed out would stay valid on the published list after its certificate is gone.
      const { user, cert } = await certified("Frances Allen");
      if (database.kind !== "postgres") throw new Error("PostgreSQL only");
      const pool = database.pool;
      const waitingOnLocks = async (n: number) => {
        for (let i = 0; i < 250; i++) {
          const { rows } = await pool.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          if (rows[0].n >= n) return;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`fewer than ${n} sessions wait on a lock`);
      };
      const holder = await pool.connect();
      let issuing: Promise<Json> | undefined;
      let erasing: Promise<unknown> | undefined;
      try {
        await holder.query("BEGIN");
        await holder.query("LOCK TABLE certificate_credentials IN EXCLUSIVE MODE");
        issuing = certificateCredential(db(), cert.certificateNumber) as Promise<Json>;
        await waitingOnLocks(1);
        erasing = eraseMyAccount(db(), actorOf(user), { confirmEmail: user.email });
        await waitingOnLocks(2);
        await holder.query("COMMIT");
      } finally {
        holder.release();
      }
      const [issued] = await Promise.allSettled([issuing, erasing]);
      await erasing;
      // Issued before the erasure took the certificate: revoked with the account.
      expect(issued.status).toBe("fulfilled");
      const credential = (issued as PromiseFulfilledResult<Json>).value;
      const [bit] = await db()
        .select()
        .from(credentialRevocations)
        .where(
          eq(credentialRevocations.statusListIndex, Number(credential.credentialStatus.statusListIndex)),
        );
      expect(bit?.reason).toBe("ACCOUNT_ERASED");
      expect((await verifyCredentialDocument(db(), credential)).verdict).toBe("revoked");
    },
  );

  it("answers an unknown number with 404 and a list past the last position with 404", async () => {
    await expect(certificateCredential(db(), generateCertificateNumber(2026))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(certificateCredential(db(), "nonsense")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(statusListCredential(db(), 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(STATUS_LIST_LENGTH).toBe(131_072);
  });

  it("points each credential at its position within its list (lists after the first included)", () => {
    expect(statusEntry(131_075)).toMatchObject({
      statusListIndex: "3",
      statusListCredential: "http://localhost:3000/credentials/status/1",
      id: "http://localhost:3000/credentials/status/1#3",
    });
    expect(statusPosition(statusEntry(131_075))).toBe(131_075);
    expect(statusPosition(statusEntry(7))).toBe(7);
    expect(statusPosition({ ...statusEntry(7), statusListIndex: "131072" })).toBeNull();
    expect(
      statusPosition({ ...statusEntry(7), statusListCredential: "https://elsewhere.example/status/0" }),
    ).toBeNull();
    expect(statusPosition("nonsense")).toBeNull();
  });

  it("answers a verdict, never an error, for a key that is not even a key; production never trusts a key kept in the database", async () => {
    const { cert } = await certified("Sophie Wilson");
    const credential = (await certificateCredential(db(), cert.certificateNumber)) as Json;
    const odd = copy(credential);
    odd.proof.verificationMethod = `${credential.issuer.id}#\u0000z6Mk`;
    expect((await verifyCredentialDocument(db(), odd)).verdict).toBe("unknown_key");
    // The demo key signed it; in production (a promoted demo database) that key is not the issuer's.
    setEnv({
      APP_MODE: "production",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/unused",
      AUTH_SECRET: "x".repeat(40),
      EMAIL_SERVER: "smtp://127.0.0.1:2525",
      EMAIL_FROM: "a@example.com",
      CERTIFICATE_SIGNING_KEY: Buffer.alloc(32, 9).toString("base64"),
    });
    try {
      expect((await verifyCredentialDocument(db(), credential)).verdict).toBe("unknown_key");
      expect((await issuerDidDocument(db())).assertionMethod).not.toContain(
        credential.proof.verificationMethod,
      );
    } finally {
      restoreEnv();
      setEnv({ APP_URL: "http://localhost:3000" });
    }
    expect((await verifyCredentialDocument(db(), credential)).verdict).toBe("valid");
  });

  it("requires CERTIFICATE_SIGNING_KEY in production, as 32 bytes of base64", () => {
    const base = {
      APP_MODE: "production",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x",
      APP_URL: "https://learn.example.com",
      AUTH_SECRET: "x".repeat(40),
      EMAIL_SERVER: "smtp://127.0.0.1:2525",
      EMAIL_FROM: "a@example.com",
    };
    expect(() => loadEnv(base, { serving: true })).toThrow(
      /CERTIFICATE_SIGNING_KEY is required.*openssl rand -base64 32/s,
    );
    expect(() => loadEnv({ ...base, CERTIFICATE_SIGNING_KEY: "short" }, { serving: true })).toThrow(
      /32 random bytes/,
    );
    const env = loadEnv(
      { ...base, CERTIFICATE_SIGNING_KEY: Buffer.alloc(32, 7).toString("base64") },
      { serving: true },
    );
    expect(env.certificateSigningSeed).toHaveLength(32);
  });
});
