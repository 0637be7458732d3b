ALTER TABLE "courses" ADD COLUMN "enrollment_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "rating_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "rating_average" numeric(3, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "title"), 'A') || setweight(to_tsvector('english'::regconfig, "description"), 'B')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_courses_search" ON "courses" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "idx_courses_catalog_newest" ON "courses" USING btree ("created_at","id") WHERE "courses"."published";--> statement-breakpoint
CREATE INDEX "idx_courses_catalog_popular" ON "courses" USING btree ("enrollment_count","id") WHERE "courses"."published";--> statement-breakpoint
CREATE INDEX "idx_courses_catalog_rating" ON "courses" USING btree ("rating_average","rating_count","id") WHERE "courses"."published";--> statement-breakpoint
CREATE INDEX "idx_courses_catalog_price" ON "courses" USING btree ("price","id") WHERE "courses"."published";--> statement-breakpoint
CREATE INDEX "idx_courses_featured_newest" ON "courses" USING btree ("created_at","id") WHERE "courses"."featured";--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_enrollment_count_not_negative" CHECK ("courses"."enrollment_count" >= 0);--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_rating_count_not_negative" CHECK ("courses"."rating_count" >= 0);--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_rating_average_matches_count" CHECK (("courses"."rating_count" = 0 AND "courses"."rating_average" = 0) OR ("courses"."rating_count" > 0 AND "courses"."rating_average" BETWEEN 1 AND 5));