CREATE TYPE "public"."teacher_status" AS ENUM('approved', 'pending', 'declined');--> statement-breakpoint
ALTER TABLE "teachers" ADD COLUMN "status" "teacher_status" DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE "teachers" ADD COLUMN "decided_at" timestamp with time zone;