CREATE TYPE "public"."course_instructor_role" AS ENUM('OWNER', 'INSTRUCTOR');--> statement-breakpoint
CREATE TYPE "public"."difficulty_enum" AS ENUM('BEGINNER', 'INTERMEDIATE', 'ADVANCED', 'EXPERT');--> statement-breakpoint
CREATE TYPE "public"."enrollment_status" AS ENUM('ACTIVE', 'COMPLETED', 'SUSPENDED', 'REFUNDED');--> statement-breakpoint
CREATE TYPE "public"."lesson_type_enum" AS ENUM('TEXT', 'VIDEO', 'INTERACTIVE', 'ASSIGNMENT', 'QUIZ');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('PENDING', 'COMPLETED', 'FAILED', 'REFUNDED');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('STUDENT', 'INSTRUCTOR', 'ADMIN');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"type" varchar NOT NULL,
	"provider" varchar NOT NULL,
	"provider_account_id" varchar NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" varchar,
	"scope" varchar,
	"id_token" text,
	"session_state" varchar,
	CONSTRAINT "accounts_provider_provider_account_id_key" UNIQUE("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"session_token" varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_session_token_unique" UNIQUE("session_token")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"email" varchar NOT NULL,
	"name" varchar,
	"role" "user_role" DEFAULT 'STUDENT' NOT NULL,
	"email_verified" timestamp with time zone,
	"image" varchar,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" varchar NOT NULL,
	"token" varchar NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_pkey" PRIMARY KEY("identifier","token"),
	CONSTRAINT "verification_tokens_token_unique" UNIQUE("token"),
	CONSTRAINT "verification_tokens_token_not_empty" CHECK (length("verification_tokens"."token") > 0)
);
--> statement-breakpoint
CREATE TABLE "course_instructors" (
	"course_id" varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"role" "course_instructor_role" DEFAULT 'INSTRUCTOR' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_instructors_pkey" PRIMARY KEY("course_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"title" varchar NOT NULL,
	"description" text NOT NULL,
	"slug" varchar NOT NULL,
	"price" integer NOT NULL,
	"duration" integer NOT NULL,
	"difficulty" "difficulty_enum" NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"meta_title" varchar,
	"meta_description" varchar,
	"image_url" varchar,
	"learning_objectives" text[] DEFAULT '{}'::text[] NOT NULL,
	"prerequisites" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_slug_unique" UNIQUE("slug"),
	CONSTRAINT "courses_price_not_negative" CHECK ("courses"."price" >= 0),
	CONSTRAINT "courses_duration_not_negative" CHECK ("courses"."duration" >= 0),
	CONSTRAINT "courses_title_length" CHECK (char_length("courses"."title") BETWEEN 1 AND 200),
	CONSTRAINT "courses_slug_url_safe" CHECK ("courses"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "courses_featured_requires_published" CHECK (NOT "courses"."featured" OR "courses"."published")
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"module_id" varchar NOT NULL,
	"title" varchar NOT NULL,
	"description" text,
	"content" text NOT NULL,
	"order" integer NOT NULL,
	"duration" integer NOT NULL,
	"lesson_type" "lesson_type_enum" DEFAULT 'TEXT' NOT NULL,
	"video_url" varchar,
	"resource_url" varchar,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lessons_module_id_order_key" UNIQUE("module_id","order"),
	CONSTRAINT "lessons_id_module_id_key" UNIQUE("id","module_id"),
	CONSTRAINT "lessons_order_positive" CHECK ("lessons"."order" > 0),
	CONSTRAINT "lessons_duration_not_negative" CHECK ("lessons"."duration" >= 0)
);
--> statement-breakpoint
CREATE TABLE "modules" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"course_id" varchar NOT NULL,
	"title" varchar NOT NULL,
	"description" text NOT NULL,
	"order" integer NOT NULL,
	"duration" integer NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "modules_course_id_order_key" UNIQUE("course_id","order"),
	CONSTRAINT "modules_id_course_id_key" UNIQUE("id","course_id"),
	CONSTRAINT "modules_order_positive" CHECK ("modules"."order" > 0),
	CONSTRAINT "modules_duration_not_negative" CHECK ("modules"."duration" >= 0)
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"course_id" varchar NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"certificate_number" varchar NOT NULL,
	"verification_url" varchar,
	CONSTRAINT "certificates_user_id_course_id_key" UNIQUE("user_id","course_id")
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"course_id" varchar NOT NULL,
	"status" "enrollment_status" DEFAULT 'ACTIVE' NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"progress_percentage" integer DEFAULT 0 NOT NULL,
	"last_accessed_at" timestamp with time zone,
	CONSTRAINT "enrollments_user_id_course_id_key" UNIQUE("user_id","course_id"),
	CONSTRAINT "enrollments_progress_percentage_check" CHECK ("enrollments"."progress_percentage" >= 0 AND "enrollments"."progress_percentage" <= 100),
	CONSTRAINT "enrollments_completed_has_completed_at" CHECK ("enrollments"."status" <> 'COMPLETED' OR "enrollments"."completed_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "user_progress" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"course_id" varchar NOT NULL,
	"module_id" varchar,
	"lesson_id" varchar,
	"completed" boolean DEFAULT false NOT NULL,
	"completed_at" timestamp with time zone,
	"time_spent" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_progress_user_id_course_id_module_id_lesson_id_key" UNIQUE NULLS NOT DISTINCT("user_id","course_id","module_id","lesson_id"),
	CONSTRAINT "user_progress_lesson_needs_module" CHECK ("user_progress"."lesson_id" IS NULL OR "user_progress"."module_id" IS NOT NULL),
	CONSTRAINT "user_progress_time_spent_not_negative" CHECK ("user_progress"."time_spent" >= 0),
	CONSTRAINT "user_progress_completed_has_completed_at" CHECK (NOT "user_progress"."completed" OR "user_progress"."completed_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "course_reviews" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"course_id" varchar NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_reviews_user_id_course_id_key" UNIQUE("user_id","course_id"),
	CONSTRAINT "course_reviews_rating_check" CHECK ("course_reviews"."rating" >= 1 AND "course_reviews"."rating" <= 5)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"course_id" varchar,
	"amount" integer NOT NULL,
	"currency" varchar DEFAULT 'USD' NOT NULL,
	"status" "payment_status" DEFAULT 'PENDING' NOT NULL,
	"provider" varchar NOT NULL,
	"provider_transaction_id" varchar,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "payments_provider_transaction_key" UNIQUE("provider","provider_transaction_id"),
	CONSTRAINT "payments_amount_not_negative" CHECK ("payments"."amount" >= 0),
	CONSTRAINT "payments_currency_iso" CHECK ("payments"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "payments_processed_has_processed_at" CHECK ("payments"."status" NOT IN ('COMPLETED', 'REFUNDED') OR "payments"."processed_at" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_instructors" ADD CONSTRAINT "course_instructors_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_instructors" ADD CONSTRAINT "course_instructors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_progress" ADD CONSTRAINT "user_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_progress" ADD CONSTRAINT "user_progress_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_progress" ADD CONSTRAINT "user_progress_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_progress" ADD CONSTRAINT "user_progress_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_progress" ADD CONSTRAINT "user_progress_lesson_in_module_fkey" FOREIGN KEY ("lesson_id","module_id") REFERENCES "public"."lessons"("id","module_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "user_progress" ADD CONSTRAINT "user_progress_module_in_course_fkey" FOREIGN KEY ("module_id","course_id") REFERENCES "public"."modules"("id","course_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "course_reviews" ADD CONSTRAINT "course_reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_reviews" ADD CONSTRAINT "course_reviews_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_accounts_user_id" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_sessions_user_id" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_sessions_expires" ON "sessions" USING btree ("expires");--> statement-breakpoint
CREATE INDEX "idx_users_email" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "idx_users_role" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "idx_users_created_at" ON "users" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "idx_verification_tokens_expires" ON "verification_tokens" USING btree ("expires");--> statement-breakpoint
CREATE INDEX "idx_course_instructors_user_id" ON "course_instructors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_courses_slug" ON "courses" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "idx_courses_published" ON "courses" USING btree ("published");--> statement-breakpoint
CREATE INDEX "idx_courses_featured" ON "courses" USING btree ("featured");--> statement-breakpoint
CREATE INDEX "idx_courses_difficulty" ON "courses" USING btree ("difficulty");--> statement-breakpoint
CREATE INDEX "idx_courses_price" ON "courses" USING btree ("price");--> statement-breakpoint
CREATE INDEX "idx_lessons_module_id" ON "lessons" USING btree ("module_id");--> statement-breakpoint
CREATE INDEX "idx_lessons_order" ON "lessons" USING btree ("module_id","order");--> statement-breakpoint
CREATE INDEX "idx_lessons_type" ON "lessons" USING btree ("lesson_type");--> statement-breakpoint
CREATE INDEX "idx_modules_course_id" ON "modules" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "idx_modules_order" ON "modules" USING btree ("course_id","order");--> statement-breakpoint
CREATE INDEX "idx_modules_published" ON "modules" USING btree ("published");--> statement-breakpoint
CREATE INDEX "idx_certificates_user_id" ON "certificates" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_certificates_course_id" ON "certificates" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idx_certificates_number" ON "certificates" USING btree ("certificate_number");--> statement-breakpoint
CREATE INDEX "idx_enrollments_user_id" ON "enrollments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_enrollments_course_id" ON "enrollments" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "idx_enrollments_status" ON "enrollments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_enrollments_enrolled_at" ON "enrollments" USING btree ("enrolled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_user_progress_lesson" ON "user_progress" USING btree ("user_id","lesson_id") WHERE "user_progress"."lesson_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_user_progress_module" ON "user_progress" USING btree ("user_id","module_id") WHERE "user_progress"."lesson_id" IS NULL AND "user_progress"."module_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_user_progress_course" ON "user_progress" USING btree ("user_id","course_id") WHERE "user_progress"."module_id" IS NULL AND "user_progress"."lesson_id" IS NULL;--> statement-breakpoint
CREATE INDEX "idx_user_progress_user_course" ON "user_progress" USING btree ("user_id","course_id");--> statement-breakpoint
CREATE INDEX "idx_user_progress_module" ON "user_progress" USING btree ("module_id");--> statement-breakpoint
CREATE INDEX "idx_user_progress_lesson" ON "user_progress" USING btree ("lesson_id");--> statement-breakpoint
CREATE INDEX "idx_user_progress_completed" ON "user_progress" USING btree ("completed");--> statement-breakpoint
CREATE INDEX "idx_course_reviews_course_id" ON "course_reviews" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "idx_course_reviews_user_id" ON "course_reviews" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_payments_user_id" ON "payments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_payments_status" ON "payments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_payments_provider" ON "payments" USING btree ("provider");--> statement-breakpoint
CREATE INDEX "idx_payments_created_at" ON "payments" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idx_payments_course_id" ON "payments" USING btree ("course_id");