ALTER TABLE "judge_schools" ALTER COLUMN "school_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "school_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "judge_schools_school_idx" ON "judge_schools" USING btree ("school_id");--> statement-breakpoint
ALTER TABLE "judge_schools" DROP CONSTRAINT "judge_schools_pkey";--> statement-breakpoint
ALTER TABLE "judge_schools" DROP COLUMN "school";--> statement-breakpoint
ALTER TABLE "judge_schools" DROP COLUMN "normalized";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "school";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "school_key";--> statement-breakpoint
ALTER TABLE "judge_schools" ADD CONSTRAINT "judge_schools_pkey" PRIMARY KEY("judge_id","school_id");
