import { z } from "zod";
import { AppError } from "../errors";
import { defineOperation, fileReply, reply } from "../http/operation";
import { ZApiError } from "../http/problem";
import { consumeRateLimit } from "../platform/rate-limit";
import { CERTIFICATE_LOOKUPS } from "../learning/api";
import { certificateCredential } from "./credential";
import { issuerDidDocument } from "./keys";
import { statusListCredential } from "./status-list";
import { verifyCredentialDocument } from "./verify";

const err = (description: string) => ({ description, schema: ZApiError });

/** Verification runs JSON-LD canonicalization and a signature check: fewer per minute than lookups. */
export const CREDENTIAL_VERIFICATIONS = { name: "credential-verify", limit: 30, windowSeconds: 60 };
/** The largest credential accepted for verification (ours are about 4 KB). */
export const MAX_CREDENTIAL_BYTES = 64 * 1024;

const ZCredential = z
  .looseObject({
    "@context": z.array(z.string()),
    id: z.string(),
    type: z.array(z.string()),
    issuer: z.looseObject({ id: z.string() }),
    validFrom: z.string(),
    credentialSubject: z.looseObject({}),
    credentialStatus: z.looseObject({}),
    proof: z.looseObject({}),
  })
  .meta({ description: "An Open Badges 3.0 credential (W3C Verifiable Credential) with its proof" });

export const ZCredentialVerification = z.object({
  valid: z.boolean(),
  verdict: z.enum(["valid", "tampered", "revoked", "unknown_key"]),
  checks: z.object({ signature: z.boolean(), status: z.boolean(), issuer: z.boolean() }),
  message: z.string(),
});

export const certificateCredentialOperation = defineOperation({
  operationId: "getCertificateCredential",
  method: "GET",
  path: "/api/v1/certificates/{number}/credential",
  summary: "A certificate as a signed Open Badges 3.0 verifiable credential (public, like verification)",
  description:
    "Signed with a Data Integrity proof (eddsa-rdfc-2022) by the issuer did:web of this platform, whose DID document is at /.well-known/did.json; revocation is published as a Bitstring Status List.",
  tags: ["learning"],
  auth: "public",
  params: z.object({ number: z.string().min(1).max(40) }),
  responses: {
    200: { description: "The credential", schema: ZCredential },
    404: err("No certificate has this number"),
    409: err("The certificate was revoked before a credential was issued"),
    429: err("Too many lookups"),
  },
  handler: async ({ params }, { db, request }) => {
    await consumeRateLimit(db, CERTIFICATE_LOOKUPS, request.ip ?? "unknown");
    return reply(200, await certificateCredential(db, params.number), { "cache-control": "no-cache" });
  },
});

export const verifyCredentialOperation = defineOperation({
  operationId: "verifyCredential",
  method: "POST",
  path: "/api/v1/credentials/verify",
  summary: "Check a credential issued by this platform: signature, issuer key and revocation",
  description:
    "The body is the credential itself (JSON, at most 64 KB). Nothing is fetched from elsewhere: only the contexts the platform bundles and its own DID document and status lists are resolved.",
  tags: ["learning"],
  auth: "public",
  rawBody: true,
  rawBodyDoc: { contentType: "application/json", description: "The credential, as downloaded" },
  responses: {
    200: { description: "The verdict", schema: ZCredentialVerification },
    400: err("The body is not JSON"),
    413: err("The body is larger than 64 KB"),
    429: err("Too many verifications"),
  },
  handler: async ({ rawBody }, { db, request }) => {
    await consumeRateLimit(db, CREDENTIAL_VERIFICATIONS, request.ip ?? "unknown");
    const text = rawBody ?? "";
    if (Buffer.byteLength(text) > MAX_CREDENTIAL_BYTES) {
      throw new AppError("PAYLOAD_TOO_LARGE", {
        userMessage: "This file is larger than 64 KB: it is not a certificate credential from this platform.",
      });
    }
    let credential: unknown;
    try {
      credential = JSON.parse(text);
    } catch {
      throw new AppError("MALFORMED_REQUEST", {
        userMessage: "This is not a credential file: it is not JSON. Choose the .json file you downloaded.",
      });
    }
    return verifyCredentialDocument(db, credential);
  },
});

export const didDocumentOperation = defineOperation({
  operationId: "getIssuerDidDocument",
  method: "GET",
  path: "/.well-known/did.json",
  summary: "The issuer's DID document (did:web): every key that has signed certificates",
  tags: ["learning"],
  auth: "public",
  internal: true,
  responses: { 200: { description: "The DID document" } },
  handler: async (_input, { db }) =>
    fileReply("application/did+json", JSON.stringify(await issuerDidDocument(db), null, 2), {
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    }),
});

export const statusListOperation = defineOperation({
  operationId: "getCredentialStatusList",
  method: "GET",
  path: "/credentials/status/{list}",
  summary: "A Bitstring Status List credential: which certificate credentials are revoked",
  tags: ["learning"],
  auth: "public",
  internal: true,
  params: z.object({ list: z.string().regex(/^(0|[1-9]\d{0,6})$/, "a list number") }),
  responses: { 200: { description: "The status list credential" }, 404: err("No such list") },
  handler: async ({ params }, { db }) =>
    fileReply("application/vc+ld+json", JSON.stringify(await statusListCredential(db, Number(params.list))), {
      "cache-control": "public, max-age=60",
      "access-control-allow-origin": "*",
    }),
});
