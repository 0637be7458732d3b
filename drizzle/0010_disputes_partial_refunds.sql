CREATE TYPE "public"."payment_dispute_status" AS ENUM('OPEN', 'WON', 'LOST');--> statement-breakpoint
CREATE TYPE "public"."suspension_reason" AS ENUM('ADMIN', 'DISPUTE');--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "suspension_reasons" "suspension_reason"[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "dispute_status" "payment_dispute_status";--> statement-breakpoint
-- Suspensions made before this migration were all admins'.
UPDATE "enrollments" SET "suspension_reasons" = '{ADMIN}' WHERE "status" = 'SUSPENDED';--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_suspension_reasons_only_when_suspended" CHECK ("enrollments"."status" = 'SUSPENDED' OR cardinality("enrollments"."suspension_reasons") = 0);