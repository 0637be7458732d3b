CREATE TABLE "course_slug_redirects" (
	"old_slug" varchar PRIMARY KEY NOT NULL,
	"course_id" varchar NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "first_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "course_slug_redirects" ADD CONSTRAINT "course_slug_redirects_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_course_slug_redirects_course_id" ON "course_slug_redirects" USING btree ("course_id");--> statement-breakpoint
UPDATE "courses" SET "first_published_at" = "created_at" WHERE "published" AND "first_published_at" IS NULL;
