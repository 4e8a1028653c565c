CREATE TABLE "comment_moderation_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comment_moderation_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"criterion_id" uuid,
	"action" text NOT NULL,
	"judge_text" text NOT NULL,
	"old_text" text,
	"new_text" text,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comment_moderations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"criterion_id" uuid,
	"hidden" boolean DEFAULT false NOT NULL,
	"text" text,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "feedback_releases" (
	"category_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"released_at" timestamp with time zone NOT NULL,
	"released_by" uuid
);
--> statement-breakpoint
ALTER TABLE "comment_moderation_log" ADD CONSTRAINT "comment_moderation_log_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_moderation_log" ADD CONSTRAINT "comment_moderation_log_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_moderation_log" ADD CONSTRAINT "comment_moderation_log_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_moderation_log" ADD CONSTRAINT "comment_moderation_log_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_moderation_log" ADD CONSTRAINT "comment_moderation_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_moderations" ADD CONSTRAINT "comment_moderations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_moderations" ADD CONSTRAINT "comment_moderations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_moderations" ADD CONSTRAINT "comment_moderations_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_moderations" ADD CONSTRAINT "comment_moderations_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_moderations" ADD CONSTRAINT "comment_moderations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_releases" ADD CONSTRAINT "feedback_releases_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_releases" ADD CONSTRAINT "feedback_releases_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_releases" ADD CONSTRAINT "feedback_releases_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comment_moderation_log_event_at_idx" ON "comment_moderation_log" USING btree ("event_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "comment_moderations_criterion_key" ON "comment_moderations" USING btree ("judge_id","team_id","criterion_id") WHERE "comment_moderations"."criterion_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "comment_moderations_overall_key" ON "comment_moderations" USING btree ("judge_id","team_id") WHERE "comment_moderations"."criterion_id" IS NULL;--> statement-breakpoint
CREATE INDEX "comment_moderations_event_idx" ON "comment_moderations" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "feedback_releases_event_idx" ON "feedback_releases" USING btree ("event_id");