CREATE TYPE "public"."module_release" AS ENUM('immediate', 'after_days', 'on_date');--> statement-breakpoint
CREATE TABLE "module_release_notices" (
	"user_id" varchar NOT NULL,
	"module_id" varchar NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "module_release_notices_pkey" PRIMARY KEY("user_id","module_id")
);
--> statement-breakpoint
ALTER TABLE "modules" ADD COLUMN "release_kind" "module_release" DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE "modules" ADD COLUMN "release_days" integer;--> statement-breakpoint
ALTER TABLE "modules" ADD COLUMN "release_date" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "access_started_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "enrollments" SET "access_started_at" = "enrolled_at";--> statement-breakpoint
ALTER TABLE "module_release_notices" ADD CONSTRAINT "module_release_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_release_notices" ADD CONSTRAINT "module_release_notices_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_module_release_notices_module_id" ON "module_release_notices" USING btree ("module_id");--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_release_consistent" CHECK (("modules"."release_kind" = 'immediate' AND "modules"."release_days" IS NULL AND "modules"."release_date" IS NULL)
        OR ("modules"."release_kind" = 'after_days' AND "modules"."release_days" BETWEEN 1 AND 3650 AND "modules"."release_date" IS NULL)
        OR ("modules"."release_kind" = 'on_date' AND "modules"."release_date" IS NOT NULL AND "modules"."release_days" IS NULL));