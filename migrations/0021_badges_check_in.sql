ALTER TABLE "members" ADD COLUMN "arrived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "in_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "table_number" text;--> statement-breakpoint
UPDATE "members" SET "arrived_at" = t."checked_in_at", "in_since" = t."checked_in_at" FROM "teams" t WHERE t."id" = "members"."team_id" AND t."checked_in_at" IS NOT NULL;
