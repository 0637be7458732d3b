-- A course's ratings by star, kept with courses.rating_count by refreshCourseStats (docs/decisions.md,
-- "Rating counts"): the course page's histogram reads five rows instead of every review of the course.
CREATE TABLE "course_rating_counts" (
	"course_id" varchar NOT NULL,
	"rating" integer NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "course_rating_counts_pkey" PRIMARY KEY("course_id","rating"),
	CONSTRAINT "course_rating_counts_rating_check" CHECK ("course_rating_counts"."rating" >= 1 AND "course_rating_counts"."rating" <= 5),
	CONSTRAINT "course_rating_counts_count_not_negative" CHECK ("course_rating_counts"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "course_rating_counts" ADD CONSTRAINT "course_rating_counts_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The counts of the reviews already there, by the rule of the stored counters: not hidden, and the
-- student's enrollment not REFUNDED.
INSERT INTO "course_rating_counts" ("course_id", "rating", "count")
SELECT c."id", g.rating, count(v."rating")::int
FROM "courses" c
CROSS JOIN generate_series(1, 5) AS g(rating)
LEFT JOIN (
  SELECT r."course_id", r."rating"
  FROM "course_reviews" r
  JOIN "enrollments" e ON e."user_id" = r."user_id" AND e."course_id" = r."course_id"
  WHERE e."status" <> 'REFUNDED' AND r."hidden_at" IS NULL
) v ON v."course_id" = c."id" AND v."rating" = g.rating
GROUP BY c."id", g.rating;
