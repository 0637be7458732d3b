CREATE TYPE "public"."quiz_question_type" AS ENUM('single', 'true_false', 'multiple', 'short_text', 'numeric');--> statement-breakpoint
CREATE TYPE "public"."quiz_reveal" AS ENUM('after_passing', 'after_each_attempt');--> statement-breakpoint
CREATE TABLE "quiz_accommodations" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"lesson_id" varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"extra_time_percent" integer DEFAULT 0 NOT NULL,
	"extra_attempts" integer DEFAULT 0 NOT NULL,
	"granted_by" varchar,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_accommodations_lesson_user_key" UNIQUE("lesson_id","user_id"),
	CONSTRAINT "quiz_accommodations_extra_time_range" CHECK ("quiz_accommodations"."extra_time_percent" BETWEEN 0 AND 400),
	CONSTRAINT "quiz_accommodations_extra_attempts_range" CHECK ("quiz_accommodations"."extra_attempts" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "quiz_attempts" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"lesson_id" varchar NOT NULL,
	"course_id" varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"number" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"settings" jsonb NOT NULL,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"expired" boolean DEFAULT false NOT NULL,
	"points_total" integer NOT NULL,
	"points_awarded" numeric(10, 2),
	"score_percentage" integer,
	"passed" boolean,
	"results" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_attempts_lesson_user_number_key" UNIQUE("lesson_id","user_id","number"),
	CONSTRAINT "quiz_attempts_number_positive" CHECK ("quiz_attempts"."number" >= 1),
	CONSTRAINT "quiz_attempts_score_range" CHECK ("quiz_attempts"."score_percentage" IS NULL OR "quiz_attempts"."score_percentage" BETWEEN 0 AND 100),
	CONSTRAINT "quiz_attempts_graded_when_submitted" CHECK (("quiz_attempts"."submitted_at" IS NULL) = ("quiz_attempts"."score_percentage" IS NULL AND "quiz_attempts"."passed" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "quiz_questions" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"lesson_id" varchar NOT NULL,
	"order" integer NOT NULL,
	"type" "quiz_question_type" NOT NULL,
	"prompt" text NOT NULL,
	"points" integer DEFAULT 1 NOT NULL,
	"explanation" text,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"accepted_answers" text[] DEFAULT '{}' NOT NULL,
	"pattern" varchar(200),
	"numeric_value" double precision,
	"tolerance" double precision,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quiz_questions_points_positive" CHECK ("quiz_questions"."points" >= 1),
	CONSTRAINT "quiz_questions_order_positive" CHECK ("quiz_questions"."order" > 0),
	CONSTRAINT "quiz_questions_tolerance_not_negative" CHECK ("quiz_questions"."tolerance" IS NULL OR "quiz_questions"."tolerance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "quizzes" (
	"lesson_id" varchar PRIMARY KEY NOT NULL,
	"pass_percentage" integer DEFAULT 70 NOT NULL,
	"max_attempts" integer,
	"time_limit_minutes" integer,
	"pool_size" integer,
	"shuffle_options" boolean DEFAULT false NOT NULL,
	"partial_credit" boolean DEFAULT false NOT NULL,
	"reveal_answers" "quiz_reveal" DEFAULT 'after_passing' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quizzes_pass_percentage_range" CHECK ("quizzes"."pass_percentage" BETWEEN 1 AND 100),
	CONSTRAINT "quizzes_max_attempts_positive" CHECK ("quizzes"."max_attempts" IS NULL OR "quizzes"."max_attempts" BETWEEN 1 AND 100),
	CONSTRAINT "quizzes_time_limit_range" CHECK ("quizzes"."time_limit_minutes" IS NULL OR "quizzes"."time_limit_minutes" BETWEEN 1 AND 1440),
	CONSTRAINT "quizzes_pool_size_positive" CHECK ("quizzes"."pool_size" IS NULL OR "quizzes"."pool_size" >= 1),
	CONSTRAINT "quizzes_version_positive" CHECK ("quizzes"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "quiz_accommodations" ADD CONSTRAINT "quiz_accommodations_lesson_id_quizzes_lesson_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."quizzes"("lesson_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_accommodations" ADD CONSTRAINT "quiz_accommodations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_accommodations" ADD CONSTRAINT "quiz_accommodations_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_lesson_id_quizzes_lesson_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."quizzes"("lesson_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_questions" ADD CONSTRAINT "quiz_questions_lesson_id_quizzes_lesson_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."quizzes"("lesson_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quizzes" ADD CONSTRAINT "quizzes_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_quiz_accommodations_user_id" ON "quiz_accommodations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_quiz_accommodations_granted_by" ON "quiz_accommodations" USING btree ("granted_by");--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_attempts_one_open_key" ON "quiz_attempts" USING btree ("lesson_id","user_id") WHERE "quiz_attempts"."submitted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "idx_quiz_attempts_user_id" ON "quiz_attempts" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "idx_quiz_attempts_course_id" ON "quiz_attempts" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_questions_live_order_key" ON "quiz_questions" USING btree ("lesson_id","order") WHERE "quiz_questions"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "idx_quiz_questions_lesson_id" ON "quiz_questions" USING btree ("lesson_id");--> statement-breakpoint
CREATE TRIGGER quizzes_set_updated_at BEFORE UPDATE ON quizzes FOR EACH ROW EXECUTE FUNCTION set_updated_at();--> statement-breakpoint
CREATE TRIGGER quiz_questions_set_updated_at BEFORE UPDATE ON quiz_questions FOR EACH ROW EXECUTE FUNCTION set_updated_at();--> statement-breakpoint
CREATE TRIGGER quiz_attempts_set_updated_at BEFORE UPDATE ON quiz_attempts FOR EACH ROW EXECUTE FUNCTION set_updated_at();--> statement-breakpoint
CREATE TRIGGER quiz_accommodations_set_updated_at BEFORE UPDATE ON quiz_accommodations FOR EACH ROW EXECUTE FUNCTION set_updated_at();
