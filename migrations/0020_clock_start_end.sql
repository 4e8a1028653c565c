ALTER TYPE "public"."clock_action" ADD VALUE 'start';--> statement-breakpoint
ALTER TYPE "public"."clock_action" ADD VALUE 'end';