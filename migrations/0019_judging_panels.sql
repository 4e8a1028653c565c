CREATE TYPE "public"."assignment_source" AS ENUM('auto', 'manual');--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "judges_per_team" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "judges" ADD COLUMN "hand_picked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD COLUMN "source" "assignment_source" DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "criterion_comments_event_idx" ON "criterion_comments" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_judges_per_team_range" CHECK ("events"."judges_per_team" BETWEEN 1 AND 10);
--> statement-breakpoint
-- Judges who had hand-picked teams keep exactly those. Every other judge used to score every
-- checked-in team of their categories (bar a declared school): those become automatic panel
-- rows, so nobody's list changes with the upgrade.
UPDATE "judges" SET "hand_picked" = true WHERE "id" IN (SELECT DISTINCT "judge_id" FROM "judge_assignments");
--> statement-breakpoint
INSERT INTO "judge_assignments" ("judge_id", "team_id", "source")
SELECT j."id", t."id", 'auto'
FROM "judges" j
JOIN "judge_categories" jc ON jc."judge_id" = j."id"
JOIN "teams" t ON t."category_id" = jc."category_id" AND t."event_id" = j."event_id" AND t."checked_in_at" IS NOT NULL
WHERE NOT j."hand_picked"
  AND NOT EXISTS (
    SELECT 1 FROM "judge_schools" s JOIN "members" m ON m."school_key" = s."normalized"
    WHERE s."judge_id" = j."id" AND m."team_id" = t."id"
  )
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- A score save bumps scores_version once itself and says so (hmj.judging_bumped), instead of
-- once per score row through the triggers below.
CREATE OR REPLACE FUNCTION judging_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_event uuid;
  after_event uuid;
BEGIN
  IF current_setting('hmj.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF current_setting('hmj.judging_bumped', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_TABLE_NAME IN ('categories', 'judges', 'scores', 'score_cards') THEN
    IF TG_OP <> 'INSERT' THEN before_event := OLD.event_id; END IF;
    IF TG_OP <> 'DELETE' THEN after_event := NEW.event_id; END IF;
  ELSIF TG_TABLE_NAME = 'teams' THEN
    -- Only checked-in teams are judged: a sign-up does not touch the event.
    IF TG_OP <> 'INSERT' AND OLD.checked_in_at IS NOT NULL THEN before_event := OLD.event_id; END IF;
    IF TG_OP <> 'DELETE' AND NEW.checked_in_at IS NOT NULL THEN after_event := NEW.event_id; END IF;
  ELSIF TG_TABLE_NAME = 'members' THEN
    IF TG_OP <> 'INSERT' THEN
      SELECT event_id INTO before_event FROM teams WHERE id = OLD.team_id AND checked_in_at IS NOT NULL;
    END IF;
    IF TG_OP <> 'DELETE' THEN
      SELECT event_id INTO after_event FROM teams WHERE id = NEW.team_id AND checked_in_at IS NOT NULL;
    END IF;
  ELSIF TG_TABLE_NAME = 'criteria' THEN
    IF TG_OP <> 'INSERT' THEN SELECT event_id INTO before_event FROM categories WHERE id = OLD.category_id; END IF;
    IF TG_OP <> 'DELETE' THEN SELECT event_id INTO after_event FROM categories WHERE id = NEW.category_id; END IF;
  ELSE
    -- judge_categories, judge_schools, judge_assignments
    IF TG_OP <> 'INSERT' THEN SELECT event_id INTO before_event FROM judges WHERE id = OLD.judge_id; END IF;
    IF TG_OP <> 'DELETE' THEN SELECT event_id INTO after_event FROM judges WHERE id = NEW.judge_id; END IF;
  END IF;
  UPDATE events SET scores_version = scores_version + 1 WHERE id IN (before_event, after_event);
  RETURN NULL;
END
$$;
