CREATE TABLE "assignment_draft_files" (
	"submission_id" varchar NOT NULL,
	"file_id" varchar NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_draft_files_submission_id_file_id_pk" PRIMARY KEY("submission_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "assignment_version_files" (
	"version_id" varchar NOT NULL,
	"file_id" varchar NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "assignment_version_files_version_id_file_id_pk" PRIMARY KEY("version_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "file_chunks" (
	"file_id" varchar NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "file_chunks_file_id_seq_pk" PRIMARY KEY("file_id","seq"),
	CONSTRAINT "file_chunks_seq" CHECK ("file_chunks"."seq" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"backend" varchar(8) NOT NULL,
	"object_key" text,
	"name" text NOT NULL,
	"file_type" varchar(8) NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_files_backend" CHECK ("stored_files"."backend" IN ('DB', 'S3')),
	CONSTRAINT "stored_files_object_key" CHECK (("stored_files"."backend" = 'S3') = ("stored_files"."object_key" IS NOT NULL)),
	CONSTRAINT "stored_files_size" CHECK ("stored_files"."byte_size" BETWEEN 1 AND 52428800),
	CONSTRAINT "stored_files_name_length" CHECK (char_length("stored_files"."name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_something_allowed";--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "files_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "file_types" text[] DEFAULT '{pdf,png,jpg,zip,ipynb,py,md,txt,csv}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "max_file_bytes" integer DEFAULT 10485760 NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "max_files" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "assignment_draft_files" ADD CONSTRAINT "assignment_draft_files_submission_id_assignment_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."assignment_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_draft_files" ADD CONSTRAINT "assignment_draft_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_version_files" ADD CONSTRAINT "assignment_version_files_version_id_assignment_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."assignment_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_version_files" ADD CONSTRAINT "assignment_version_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_chunks" ADD CONSTRAINT "file_chunks_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_assignment_draft_files_file_id" ON "assignment_draft_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "idx_assignment_version_files_file_id" ON "assignment_version_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "idx_stored_files_user_id" ON "stored_files" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_stored_files_created_at" ON "stored_files" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_file_types" CHECK ("assignments"."file_types" <@ '{pdf,png,jpg,zip,ipynb,py,md,txt,csv}'::text[] AND cardinality("assignments"."file_types") >= 1);--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_max_file_bytes" CHECK ("assignments"."max_file_bytes" BETWEEN 1024 AND 52428800);--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_max_files" CHECK ("assignments"."max_files" BETWEEN 1 AND 20);--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_something_allowed" CHECK ("assignments"."text_allowed" OR "assignments"."links_allowed" OR "assignments"."files_allowed");