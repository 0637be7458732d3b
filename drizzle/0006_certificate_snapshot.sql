-- What a certificate certifies, as it was at issuance. Existing certificates are backfilled from the
-- holder's current name (or, lacking one, the part of the address before the @) and the course's title.
ALTER TABLE "certificates" ADD COLUMN "holder_name" varchar;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "course_title" varchar;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
UPDATE "certificates" c SET
  "holder_name" = coalesce(nullif(btrim(u.name), ''), split_part(u.email, '@', 1)),
  "course_title" = co.title
FROM "users" u, "courses" co
WHERE u.id = c.user_id AND co.id = c.course_id;--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "holder_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "course_title" SET NOT NULL;
