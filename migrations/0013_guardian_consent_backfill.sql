-- Consent links used to be kept readable on the members row so that teams could pass them on.
-- They now go to guardians only. Each member keeps the SHA-256 of its token (links already
-- sent keep working), each consent email in the outbox is tied to its member and link (so it
-- shows as answered, and prints as a letter), and every recorded answer moves into
-- consent_records with who gave it: the guardian's name as typed, or the organizer who
-- recorded the paper form (from the audit log).
UPDATE "members"
SET "consent_token_hash" = encode(sha256(convert_to("consent_token", 'UTF8')), 'hex'),
    "consent_link_at" = "created_at"
WHERE "consent_token" IS NOT NULL;
--> statement-breakpoint
UPDATE "outbox" AS o
SET "member_id" = m."id",
    "consent_token_hash" = m."consent_token_hash",
    "link" = substring(o."body" from '(\S+/consent/[A-Za-z0-9_-]+)')
FROM "members" AS m
WHERE m."consent_token" = substring(o."body" from '/consent/([A-Za-z0-9_-]+)');
--> statement-breakpoint
WITH "paper" AS (
  SELECT DISTINCT ON ("details"->>'memberId') "details"->>'memberId' AS "member_id", "actor_id"
  FROM "audit_log"
  WHERE "action" = 'consent.paper'
  ORDER BY "details"->>'memberId', "at" DESC
)
INSERT INTO "consent_records" ("member_id", "method", "consent", "photo_consent", "guardian_name", "recorded_by", "at")
SELECT m."id",
       coalesce(m."consent_method", 'paper'),
       m."consent_status" = 'given',
       m."photo_consent",
       CASE WHEN m."consent_method" = 'link' THEN m."consent_by" END,
       CASE WHEN m."consent_method" = 'link' THEN NULL ELSE p."actor_id" END,
       coalesce(m."consent_at", m."created_at")
FROM "members" AS m
LEFT JOIN "paper" AS p ON p."member_id" = m."id"::text
WHERE m."consent_status" <> 'awaiting';
