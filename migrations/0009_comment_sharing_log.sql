ALTER TABLE "score_log" ADD COLUMN "old_shared" boolean;--> statement-breakpoint
ALTER TABLE "score_log" ADD COLUMN "new_shared" boolean;