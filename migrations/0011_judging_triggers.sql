-- Any change to what the leaderboard and the judging progress are computed from bumps the
-- event's scores_version, whoever makes it: the server keeps each event's judging state in
-- memory and checks it against the events row (see server/services/judgingState.ts).
-- A restore from a backup (SET LOCAL hmj.restoring = 'on') keeps the versions it restores:
-- it writes the events rows themselves, which is enough to make every cached state stale.
CREATE OR REPLACE FUNCTION judging_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_event uuid;
  after_event uuid;
BEGIN
  IF current_setting('hmj.restoring', true) = 'on' THEN RETURN NULL; END IF;
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
--> statement-breakpoint
CREATE OR REPLACE FUNCTION judging_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hmj.restoring', true) = 'on' THEN RETURN NULL; END IF;
  UPDATE events SET scores_version = scores_version + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER categories_judging AFTER INSERT OR UPDATE OR DELETE ON categories FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER criteria_judging AFTER INSERT OR UPDATE OR DELETE ON criteria FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER teams_judging AFTER INSERT OR UPDATE OR DELETE ON teams FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER members_judging AFTER INSERT OR UPDATE OR DELETE ON members FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER judges_judging AFTER INSERT OR UPDATE OR DELETE ON judges FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER judge_categories_judging AFTER INSERT OR UPDATE OR DELETE ON judge_categories FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER judge_schools_judging AFTER INSERT OR UPDATE OR DELETE ON judge_schools FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER judge_assignments_judging AFTER INSERT OR UPDATE OR DELETE ON judge_assignments FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER scores_judging AFTER INSERT OR UPDATE OR DELETE ON scores FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER score_cards_judging AFTER INSERT OR UPDATE OR DELETE ON score_cards FOR EACH ROW EXECUTE FUNCTION judging_changed();
--> statement-breakpoint
CREATE TRIGGER categories_judging_truncated AFTER TRUNCATE ON categories FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
--> statement-breakpoint
CREATE TRIGGER criteria_judging_truncated AFTER TRUNCATE ON criteria FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
--> statement-breakpoint
CREATE TRIGGER teams_judging_truncated AFTER TRUNCATE ON teams FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
--> statement-breakpoint
CREATE TRIGGER members_judging_truncated AFTER TRUNCATE ON members FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
--> statement-breakpoint
CREATE TRIGGER judges_judging_truncated AFTER TRUNCATE ON judges FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
--> statement-breakpoint
CREATE TRIGGER judge_categories_judging_truncated AFTER TRUNCATE ON judge_categories FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
--> statement-breakpoint
CREATE TRIGGER judge_schools_judging_truncated AFTER TRUNCATE ON judge_schools FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
--> statement-breakpoint
CREATE TRIGGER judge_assignments_judging_truncated AFTER TRUNCATE ON judge_assignments FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
--> statement-breakpoint
CREATE TRIGGER scores_judging_truncated AFTER TRUNCATE ON scores FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
--> statement-breakpoint
CREATE TRIGGER score_cards_judging_truncated AFTER TRUNCATE ON score_cards FOR EACH STATEMENT EXECUTE FUNCTION judging_truncated();
