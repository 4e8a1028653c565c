CREATE TYPE "public"."stage_phase" AS ENUM('idle', 'ready', 'talk', 'questions');--> statement-breakpoint
CREATE TABLE "criterion_comments" (
	"judge_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"text" text NOT NULL,
	"shared" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "criterion_comments_pkey" PRIMARY KEY("judge_id","team_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "presentation_settings" (
	"category_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"talk_seconds" integer NOT NULL,
	"questions_seconds" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "presentation_slots" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"skipped" boolean DEFAULT false NOT NULL,
	"presented_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stages" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"phase" "stage_phase" DEFAULT 'idle' NOT NULL,
	"category_id" uuid,
	"team_id" uuid,
	"phase_started_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "feedback_released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "score_cards" ADD COLUMN "comment_shared" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "criterion_comments" ADD CONSTRAINT "criterion_comments_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_comments" ADD CONSTRAINT "criterion_comments_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_comments" ADD CONSTRAINT "criterion_comments_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_comments" ADD CONSTRAINT "criterion_comments_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presentation_settings" ADD CONSTRAINT "presentation_settings_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presentation_settings" ADD CONSTRAINT "presentation_settings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presentation_slots" ADD CONSTRAINT "presentation_slots_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presentation_slots" ADD CONSTRAINT "presentation_slots_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "criterion_comments_team_idx" ON "criterion_comments" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "presentation_slots_event_idx" ON "presentation_slots" USING btree ("event_id");