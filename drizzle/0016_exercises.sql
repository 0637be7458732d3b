CREATE TYPE "public"."exercise_language" AS ENUM('python', 'javascript');--> statement-breakpoint
CREATE TABLE "exercise_code" (
	"user_id" varchar NOT NULL,
	"exercise_id" varchar NOT NULL,
	"code" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exercise_code_user_id_exercise_id_pk" PRIMARY KEY("user_id","exercise_id")
);
--> statement-breakpoint
CREATE TABLE "exercise_results" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"exercise_id" varchar NOT NULL,
	"code" text NOT NULL,
	"checks" jsonb NOT NULL,
	"passed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lesson_exercises" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"lesson_id" varchar NOT NULL,
	"position" integer NOT NULL,
	"language" "exercise_language" NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"starter_code" text DEFAULT '' NOT NULL,
	"setup_code" text DEFAULT '' NOT NULL,
	"checks" jsonb NOT NULL,
	"solution" text,
	"time_limit_seconds" integer DEFAULT 5 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_lesson_exercises_position" UNIQUE("lesson_id","position"),
	CONSTRAINT "lesson_exercises_position" CHECK ("lesson_exercises"."position" >= 1),
	CONSTRAINT "lesson_exercises_time_limit" CHECK ("lesson_exercises"."time_limit_seconds" BETWEEN 1 AND 30),
	CONSTRAINT "lesson_exercises_checks_array" CHECK (jsonb_typeof("lesson_exercises"."checks") = 'array')
);
--> statement-breakpoint
ALTER TABLE "exercise_code" ADD CONSTRAINT "exercise_code_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_code" ADD CONSTRAINT "exercise_code_exercise_id_lesson_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."lesson_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_results" ADD CONSTRAINT "exercise_results_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_results" ADD CONSTRAINT "exercise_results_exercise_id_lesson_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."lesson_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_exercises" ADD CONSTRAINT "lesson_exercises_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_exercise_code_exercise_id" ON "exercise_code" USING btree ("exercise_id");--> statement-breakpoint
CREATE INDEX "idx_exercise_results_user_exercise" ON "exercise_results" USING btree ("user_id","exercise_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_exercise_results_exercise_id" ON "exercise_results" USING btree ("exercise_id");--> statement-breakpoint
CREATE TRIGGER lesson_exercises_set_updated_at BEFORE UPDATE ON lesson_exercises FOR EACH ROW EXECUTE FUNCTION set_updated_at();--> statement-breakpoint
CREATE TRIGGER exercise_code_set_updated_at BEFORE UPDATE ON exercise_code FOR EACH ROW EXECUTE FUNCTION set_updated_at();