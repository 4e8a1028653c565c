DROP INDEX "members_consent_token_key";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "consent_method";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "consent_by";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "consent_at";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "consent_token";