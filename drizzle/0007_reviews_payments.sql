CREATE TABLE "payment_events" (
	"provider" varchar NOT NULL,
	"event_id" varchar NOT NULL,
	"type" varchar NOT NULL,
	"payment_id" varchar,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_events_pkey" PRIMARY KEY("provider","event_id")
);
--> statement-breakpoint
CREATE TABLE "review_reports" (
	"id" varchar PRIMARY KEY DEFAULT gen_random_uuid()::varchar NOT NULL,
	"review_id" varchar NOT NULL,
	"reporter_id" varchar NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "review_reports_review_reporter_key" UNIQUE("review_id","reporter_id"),
	CONSTRAINT "review_reports_reason_length" CHECK (char_length("review_reports"."reason") BETWEEN 1 AND 1000)
);
--> statement-breakpoint
ALTER TABLE "course_reviews" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "course_reviews" ADD COLUMN "hidden_reason" varchar;--> statement-breakpoint
ALTER TABLE "course_reviews" ADD COLUMN "hidden_by" varchar;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "checkout_session_id" varchar;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "checkout_url" varchar;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refunded_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_review_id_course_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."course_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_review_reports_created_at" ON "review_reports" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "idx_review_reports_reporter" ON "review_reports" USING btree ("reporter_id");--> statement-breakpoint
ALTER TABLE "course_reviews" ADD CONSTRAINT "course_reviews_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_course_reviews_course_created" ON "course_reviews" USING btree ("course_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_payments_one_pending" ON "payments" USING btree ("user_id","course_id") WHERE "payments"."status" = 'PENDING';--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_provider_checkout_session_key" UNIQUE("provider","checkout_session_id");--> statement-breakpoint
ALTER TABLE "course_reviews" ADD CONSTRAINT "course_reviews_comment_length" CHECK ("course_reviews"."comment" IS NULL OR char_length("course_reviews"."comment") <= 2000);--> statement-breakpoint
ALTER TABLE "course_reviews" ADD CONSTRAINT "course_reviews_hidden_has_reason" CHECK ("course_reviews"."hidden_at" IS NULL OR "course_reviews"."hidden_reason" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_refund_within_amount" CHECK ("payments"."refunded_amount" >= 0 AND "payments"."refunded_amount" <= "payments"."amount");