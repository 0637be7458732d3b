-- Public pages (home, catalog, course pages, certificate verification) are served from the lean server's
-- in-memory cache to anonymous visitors (docs/decisions.md, "Anonymous pages from a cache"). Every statement
-- that changes what such a page shows advances the sequence content_version and sends a notification on the
-- channel content_changed; each instance LISTENs on one dedicated connection and empties its cache when one
-- arrives, and polls the sequence so that a missed notification (a dropped connection) cannot keep stale
-- pages. A sequence, not a counter row: nextval never blocks another transaction and is never rolled back (a
-- rolled-back change only costs an extra refill). Statement-level triggers: one bump per statement, however
-- many rows it touched; notifications with the same payload are folded into one per transaction.
CREATE SEQUENCE IF NOT EXISTS content_version;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION aiw_content_changed() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
  PERFORM nextval('content_version');
  PERFORM pg_notify('content_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER courses_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON courses
  FOR EACH STATEMENT EXECUTE FUNCTION aiw_content_changed();
--> statement-breakpoint
CREATE TRIGGER modules_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON modules
  FOR EACH STATEMENT EXECUTE FUNCTION aiw_content_changed();
--> statement-breakpoint
CREATE TRIGGER lessons_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lessons
  FOR EACH STATEMENT EXECUTE FUNCTION aiw_content_changed();
--> statement-breakpoint
CREATE TRIGGER course_instructors_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_instructors
  FOR EACH STATEMENT EXECUTE FUNCTION aiw_content_changed();
--> statement-breakpoint
CREATE TRIGGER course_slug_redirects_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_slug_redirects
  FOR EACH STATEMENT EXECUTE FUNCTION aiw_content_changed();
--> statement-breakpoint
CREATE TRIGGER course_reviews_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON course_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION aiw_content_changed();
--> statement-breakpoint
CREATE TRIGGER certificates_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON certificates
  FOR EACH STATEMENT EXECUTE FUNCTION aiw_content_changed();
--> statement-breakpoint
-- Names and pictures of instructors, reviewers and certificate holders appear on public pages.
CREATE TRIGGER users_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION aiw_content_changed();
