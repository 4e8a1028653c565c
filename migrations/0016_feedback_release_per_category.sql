-- Feedback used to be released for a whole event at once (events.feedback_released_at); it is
-- now released per category. Every category of an event already released counts as released
-- at that moment, by the organizer the audit log names.
INSERT INTO "feedback_releases" ("category_id", "event_id", "released_at", "released_by")
SELECT c."id",
       e."id",
       e."feedback_released_at",
       (SELECT a."actor_id" FROM "audit_log" AS a
        WHERE a."event_id" = e."id" AND a."action" = 'feedback.released'
        ORDER BY a."at" DESC LIMIT 1)
FROM "categories" AS c
JOIN "events" AS e ON e."id" = c."event_id"
WHERE e."feedback_released_at" IS NOT NULL;
