import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgSequence, pgTable, text, varchar } from "drizzle-orm/pg-core";
import { createdAt, idColumn, tstz } from "./columns";
import { certificates } from "./learning";

/**
 * Not in the document (migration 0020): certificates as signed Open Badges 3.0 credentials
 * (docs/decisions.md, "Verifiable credentials").
 */

/**
 * The issuer's Ed25519 keys, public halves listed in the DID document for as long as a row exists, so a
 * credential signed before a rotation keeps verifying. `seed` (the private half) is kept only for keys made in
 * demo mode; production signs with CERTIFICATE_SIGNING_KEY and records only its public half.
 */
export const credentialKeys = pgTable("credential_keys", {
  id: idColumn(),
  publicKeyMultibase: varchar("public_key_multibase").notNull().unique("credential_keys_public_key_key"),
  seed: text("seed"),
  createdAt: createdAt(),
});

/** Status-list positions come from here and are never reused (a sequence never goes back). */
export const credentialStatusIndex = pgSequence("credential_status_index_seq", {
  startWith: 0,
  minValue: 0,
  increment: 1,
});

/** Each credential issued for a certificate, as signed (a certificate valid again after a refund gets a new one). */
export const certificateCredentials = pgTable(
  "certificate_credentials",
  {
    id: idColumn(),
    certificateId: varchar("certificate_id")
      .notNull()
      .references(() => certificates.id, { onDelete: "cascade" }),
    statusListIndex: integer("status_list_index")
      .notNull()
      .unique("certificate_credentials_status_list_index_key")
      .default(sql`nextval('credential_status_index_seq')`),
    verificationMethod: varchar("verification_method").notNull(),
    credential: jsonb("credential").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("idx_certificate_credentials_certificate_id").on(t.certificateId, t.createdAt)],
);

/**
 * The status-list bits that are set: one row per revoked credential position. No personal data, and never
 * deleted, so a credential revoked (refund, lost dispute, erased account) stays revoked after its certificate
 * row is gone.
 */
export const credentialRevocations = pgTable(
  "credential_revocations",
  {
    statusListIndex: integer("status_list_index").primaryKey(),
    reason: varchar("reason", { length: 32 }).notNull(),
    revokedAt: tstz("revoked_at").notNull().defaultNow(),
  },
  (t) => [
    check(
      "credential_revocations_reason_known",
      sql`${t.reason} IN ('CERTIFICATE_REVOKED', 'ACCOUNT_ERASED')`,
    ),
  ],
);

export type CertificateCredential = typeof certificateCredentials.$inferSelect;
