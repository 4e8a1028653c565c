ALTER TYPE "public"."consent_method" ADD VALUE 'phone';--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "consent_records" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "consent_link_open" boolean DEFAULT true NOT NULL;--> statement-breakpoint
-- A link already answered (or made moot by an answer an organizer recorded) stays closed.
UPDATE "members" SET "consent_link_open" = false WHERE "consent_status" <> 'awaiting';
