CREATE TABLE "school_keys" (
	"event_id" uuid NOT NULL,
	"key" text NOT NULL,
	"school_id" uuid NOT NULL,
	CONSTRAINT "school_keys_pkey" PRIMARY KEY("event_id","key")
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "judge_schools" ADD COLUMN "school_id" uuid;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "school_id" uuid;--> statement-breakpoint
ALTER TABLE "school_keys" ADD CONSTRAINT "school_keys_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_keys" ADD CONSTRAINT "school_keys_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_keys_school_idx" ON "school_keys" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "schools_event_idx" ON "schools" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "judge_schools" ADD CONSTRAINT "judge_schools_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "members_school_idx" ON "members" USING btree ("school_id");