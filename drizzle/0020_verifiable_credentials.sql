CREATE SEQUENCE "public"."credential_status_index_seq" INCREMENT BY 1 MINVALUE 0 MAXVALUE 9223372036854775807 START WITH 0 CACHE 1;--> statement-breakpoint
CREATE TABLE "certificate_credentials" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"certificate_id" varchar NOT NULL,
	"status_list_index" integer DEFAULT nextval('credential_status_index_seq') NOT NULL,
	"verification_method" varchar NOT NULL,
	"credential" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_credentials_status_list_index_key" UNIQUE("status_list_index")
);
--> statement-breakpoint
CREATE TABLE "credential_keys" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"public_key_multibase" varchar NOT NULL,
	"seed" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_keys_public_key_key" UNIQUE("public_key_multibase")
);
--> statement-breakpoint
CREATE TABLE "credential_revocations" (
	"status_list_index" integer PRIMARY KEY NOT NULL,
	"reason" varchar(32) NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_revocations_reason_known" CHECK ("credential_revocations"."reason" IN ('CERTIFICATE_REVOKED', 'ACCOUNT_ERASED'))
);
--> statement-breakpoint
ALTER TABLE "certificate_credentials" ADD CONSTRAINT "certificate_credentials_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_certificate_credentials_certificate_id" ON "certificate_credentials" USING btree ("certificate_id","created_at");