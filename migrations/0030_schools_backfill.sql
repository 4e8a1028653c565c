-- One school per event and normalized name, from the members' and judges' spellings. The
-- display name is the spelling members used most (ties: the first in alphabetical order); a
-- school only a judge declared takes the judge's spelling.
WITH spellings AS (
  SELECT t."event_id", m."school_key" AS key, m."school" AS name, count(*) AS uses, 0 AS judge_only
  FROM "members" m JOIN "teams" t ON t."id" = m."team_id"
  GROUP BY t."event_id", m."school_key", m."school"
  UNION ALL
  SELECT j."event_id", s."normalized", s."school", 0, 1
  FROM "judge_schools" s JOIN "judges" j ON j."id" = s."judge_id"
), named AS (
  SELECT "event_id", key, (array_agg(name ORDER BY judge_only, uses DESC, name))[1] AS name
  FROM spellings GROUP BY "event_id", key
), made AS (
  INSERT INTO "schools" ("event_id", "name") SELECT "event_id", name FROM named
  RETURNING "id", "event_id", "name"
)
-- Two keys never share a name (the key is made from the name), so the name finds the key.
INSERT INTO "school_keys" ("event_id", "key", "school_id")
SELECT n."event_id", n.key, made."id" FROM named n
JOIN made ON made."event_id" = n."event_id" AND made."name" = n.name;
--> statement-breakpoint
UPDATE "members" SET "school_id" = k."school_id" FROM "teams" t, "school_keys" k
WHERE t."id" = "members"."team_id" AND k."event_id" = t."event_id" AND k."key" = "members"."school_key";
--> statement-breakpoint
UPDATE "judge_schools" SET "school_id" = k."school_id" FROM "judges" j, "school_keys" k
WHERE j."id" = "judge_schools"."judge_id" AND k."event_id" = j."event_id" AND k."key" = "judge_schools"."normalized";
--> statement-breakpoint
-- Renaming or removing a school changes the names judges and screens see; making one does not
-- (its first member is what counts, and the members' trigger sees that).
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
  IF TG_TABLE_NAME IN ('categories', 'judges', 'scores', 'score_cards', 'schools') THEN
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
--> statement-breakpoint
CREATE TRIGGER schools_judging AFTER UPDATE OR DELETE ON "schools" FOR EACH ROW EXECUTE FUNCTION judging_changed();
