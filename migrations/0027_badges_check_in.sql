ALTER TABLE "members" ADD COLUMN "arrived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "in_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "table_number" text;