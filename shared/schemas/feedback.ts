import { z } from "zod";
import { LIMITS } from "../limits";
import { IdSchema } from "./common";

/** Release one category's feedback, or (without `categoryId`) every category's still held. */
export const FeedbackReleaseSchema = z.strictObject({
  categoryId: IdSchema.optional(),
});
export type FeedbackRelease = z.infer<typeof FeedbackReleaseSchema>;

/**
 * An organizer's change to one judge comment: hide it (or show it again), or give it new words
 * (null: back to the judge's own). `version` is the one the organizer's screen shows.
 */
export const CommentModerationSchema = z
  .strictObject({
    teamId: IdSchema,
    judgeId: IdSchema,
    /** null for the judge's overall comment. */
    criterionId: IdSchema.nullable(),
    version: z
      .int({ error: "The version must be a whole number." })
      .min(0, { error: "The version can't be below 0." }),
    hidden: z.boolean({ error: "Say true to hide the comment, false to show it." }).optional(),
    text: z
      .string({ error: "The comment must be text." })
      .trim()
      .min(1, { error: "Write the comment, or hide it instead." })
      .max(LIMITS.commentMax, { error: `Keep the comment under ${LIMITS.commentMax} characters.` })
      .nullable()
      .optional(),
  })
  .refine((v) => v.hidden !== undefined || v.text !== undefined, {
    error: "Say what to change: hide or show the comment, or give it new words.",
  });
export type CommentModeration = z.infer<typeof CommentModerationSchema>;
