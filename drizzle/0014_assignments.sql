CREATE TYPE "public"."review_decision" AS ENUM('PASS', 'NEEDS_REVISION');--> statement-breakpoint
CREATE TYPE "public"."submission_state" AS ENUM('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'NEEDS_REVISION', 'PASSED');--> statement-breakpoint
CREATE TABLE "assignment_reviews" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"version_id" varchar NOT NULL,
	"reviewer_id" varchar,
	"decision" "review_decision" NOT NULL,
	"feedback" text DEFAULT '' NOT NULL,
	"rubric_scores" jsonb,
	"points" integer,
	"max_points" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_reviews_version_key" UNIQUE("version_id")
);
--> statement-breakpoint
CREATE TABLE "assignment_submissions" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"lesson_id" varchar NOT NULL,
	"course_id" varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"state" "submission_state" DEFAULT 'DRAFT' NOT NULL,
	"draft_text" text DEFAULT '' NOT NULL,
	"draft_links" text[] DEFAULT '{}' NOT NULL,
	"claimed_by" varchar,
	"claimed_until" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_submissions_lesson_user_key" UNIQUE("lesson_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "assignment_versions" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"submission_id" varchar NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"links" text[] DEFAULT '{}' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	CONSTRAINT "assignment_versions_submission_number_key" UNIQUE("submission_id","number"),
	CONSTRAINT "assignment_versions_number_positive" CHECK ("assignment_versions"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"lesson_id" varchar PRIMARY KEY NOT NULL,
	"text_allowed" boolean DEFAULT true NOT NULL,
	"links_allowed" boolean DEFAULT false NOT NULL,
	"due_at" timestamp with time zone,
	"rubric" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_something_allowed" CHECK ("assignments"."text_allowed" OR "assignments"."links_allowed"),
	CONSTRAINT "assignments_version_positive" CHECK ("assignments"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "assignment_reviews" ADD CONSTRAINT "assignment_reviews_version_id_assignment_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."assignment_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_reviews" ADD CONSTRAINT "assignment_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_submissions" ADD CONSTRAINT "assignment_submissions_lesson_id_assignments_lesson_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."assignments"("lesson_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_submissions" ADD CONSTRAINT "assignment_submissions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_submissions" ADD CONSTRAINT "assignment_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_submissions" ADD CONSTRAINT "assignment_submissions_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_versions" ADD CONSTRAINT "assignment_versions_submission_id_assignment_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."assignment_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_assignment_reviews_reviewer_id" ON "assignment_reviews" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "idx_assignment_submissions_user_id" ON "assignment_submissions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_assignment_submissions_claimed_by" ON "assignment_submissions" USING btree ("claimed_by");--> statement-breakpoint
CREATE INDEX "idx_assignment_submissions_queue" ON "assignment_submissions" USING btree ("course_id","state","submitted_at","id");--> statement-breakpoint
CREATE INDEX "idx_assignment_submissions_waiting" ON "assignment_submissions" USING btree ("submitted_at","id") WHERE "assignment_submissions"."state" IN ('SUBMITTED', 'IN_REVIEW');--> statement-breakpoint
CREATE TRIGGER assignments_set_updated_at BEFORE UPDATE ON assignments FOR EACH ROW EXECUTE FUNCTION set_updated_at();--> statement-breakpoint
CREATE TRIGGER assignment_submissions_set_updated_at BEFORE UPDATE ON assignment_submissions FOR EACH ROW EXECUTE FUNCTION set_updated_at();
