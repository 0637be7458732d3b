-- courses.updated_at says when a course's content changed. The statistics kept on the row (enrollment
-- and rating counters, and the generated search vector) change with every enrollment and review; they
-- must not move updated_at (the sitemap's lastmod reads it). Same rule as set_updated_at() otherwise:
-- an UPDATE that sets updated_at explicitly to a new value keeps that value.
CREATE OR REPLACE FUNCTION courses_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  statistics CONSTANT text[] := ARRAY['enrollment_count', 'rating_count', 'rating_average', 'search_vector', 'updated_at'];
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at
     AND (to_jsonb(NEW) - statistics) IS DISTINCT FROM (to_jsonb(OLD) - statistics) THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER courses_set_updated_at ON courses;
--> statement-breakpoint
CREATE TRIGGER courses_set_updated_at BEFORE UPDATE ON courses FOR EACH ROW EXECUTE FUNCTION courses_set_updated_at();
--> statement-breakpoint
-- Existing courses get their statistics, by the rule of src/server/catalog/refresh-course-stats.ts:
-- enrollments that are not REFUNDED, and the ratings of those enrollments' students.
UPDATE courses c
SET enrollment_count = s.enrollment_count,
    rating_count = s.rating_count,
    rating_average = s.rating_average
FROM (
  SELECT c2.id,
         (SELECT count(*)::int FROM enrollments e
          WHERE e.course_id = c2.id AND e.status <> 'REFUNDED') AS enrollment_count,
         r.rating_count,
         r.rating_average
  FROM courses c2
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS rating_count, coalesce(round(avg(cr.rating), 2), 0) AS rating_average
    FROM course_reviews cr
    JOIN enrollments e ON e.user_id = cr.user_id AND e.course_id = cr.course_id
    WHERE cr.course_id = c2.id AND e.status <> 'REFUNDED'
  ) r
) s
WHERE s.id = c.id
  AND (c.enrollment_count, c.rating_count, c.rating_average)
      IS DISTINCT FROM (s.enrollment_count, s.rating_count, s.rating_average);
