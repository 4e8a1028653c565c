CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trusted_devices" (
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trusted_devices_pkey" PRIMARY KEY("token_hash","user_id")
);
--> statement-breakpoint
DROP INDEX "teams_event_name_key";--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "name_key" text;--> statement-breakpoint
-- Teams signed up before keep the old rule's key (the name in lower case); the app writes
-- the look-alike key (shared/rules/names.ts) for every new team.
UPDATE "teams" SET "name_key" = lower("name");--> statement-breakpoint
ALTER TABLE "teams" ALTER COLUMN "name_key" SET NOT NULL;--> statement-breakpoint
-- A backup from before this column (npm run import) has no key: give it the old rule's.
CREATE OR REPLACE FUNCTION teams_default_name_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_key := lower(NEW.name);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER teams_default_name_key BEFORE INSERT ON "teams"
  FOR EACH ROW WHEN (NEW.name_key IS NULL) EXECUTE FUNCTION teams_default_name_key();--> statement-breakpoint
ALTER TABLE "sign_in_failures" ADD COLUMN "device_hash" text;--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trusted_devices" ADD CONSTRAINT "trusted_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trusted_devices_user_idx" ON "trusted_devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "outbox_to_email_idx" ON "outbox" USING btree ("to_email","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_event_name_key" ON "teams" USING btree ("event_id","name_key");