-- Members of teams checked in before per-member check-in are in the building since then.
UPDATE "members" SET "arrived_at" = t."checked_in_at", "in_since" = t."checked_in_at" FROM "teams" t WHERE t."id" = "members"."team_id" AND t."checked_in_at" IS NOT NULL;
--> statement-breakpoint
-- Members checking in and out, and table numbers, leave the judging version alone: a door
-- scan on day two does not make every screen's judging state be read again.
CREATE OR REPLACE FUNCTION judging_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_event uuid;
  after_event uuid;
BEGIN
  IF current_setting('hmj.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF current_setting('hmj.judging_bumped', true) = 'on' THEN RETURN NULL; END IF;
  -- Who is in the building and where a team sits are not what judging is made of.
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'members'
    AND to_jsonb(OLD) - 'arrived_at' - 'in_since' - 'left_at' = to_jsonb(NEW) - 'arrived_at' - 'in_since' - 'left_at'
  THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'teams'
    AND to_jsonb(OLD) - 'table_number' = to_jsonb(NEW) - 'table_number'
  THEN RETURN NULL; END IF;
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
