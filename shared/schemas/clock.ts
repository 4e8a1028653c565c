import { z } from "zod";
import { LIMITS } from "../limits";

export const ClockActionSchema = z
  .strictObject({
    action: z.enum(["pause", "resume", "extend", "start", "end"], {
      error: 'Choose "pause", "resume", "extend", "start" or "end".',
    }),
    minutes: z
      .int({ error: "Minutes must be a whole number." })
      .min(1, { error: "Extend by at least 1 minute." })
      .max(LIMITS.extendMaxMinutes, {
        error: `Extend by at most ${LIMITS.extendMaxMinutes} minutes at a time.`,
      })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "extend" && v.minutes === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["minutes"],
        message: "Say how many minutes to extend by.",
      });
    }
    if (v.action !== "extend" && v.minutes !== undefined) {
      ctx.addIssue({ code: "custom", path: ["minutes"], message: "Minutes go only with extend." });
    }
  });
export type ClockAction = z.infer<typeof ClockActionSchema>;
