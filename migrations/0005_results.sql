CREATE TABLE "awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"prize_id" uuid,
	"place" integer NOT NULL,
	"prize_title" text NOT NULL,
	"sponsor" text,
	"team_id" uuid,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer NOT NULL,
	"revealed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "event_results" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"leaderboard" jsonb NOT NULL,
	"scores_hash" text NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"ceremony_started_at" timestamp with time zone,
	"blank" boolean DEFAULT false NOT NULL,
	"ceremony_version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_prize_id_prizes_id_fk" FOREIGN KEY ("prize_id") REFERENCES "public"."prizes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_results" ADD CONSTRAINT "event_results_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "awards_event_position_key" ON "awards" USING btree ("event_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "awards_category_place_key" ON "awards" USING btree ("category_id","place");--> statement-breakpoint
CREATE INDEX "awards_event_idx" ON "awards" USING btree ("event_id");