import { z } from "zod";
import { LIMITS } from "../limits";
import { IdSchema } from "./common";

export const StageActionSchema = z.strictObject({
  action: z.enum(["start", "questions", "next", "back", "stop"], {
    error: 'Choose "start", "questions", "next", "back" or "stop".',
  }),
  /** Which category's presentations to run; needed when nothing is on stage. */
  categoryId: IdSchema.optional(),
  /** The stage version the organizer's screen showed: a press on an outdated screen is refused. */
  version: z.int({ error: "The version must be a whole number." }).min(0).optional(),
});
export type StageActionInput = z.infer<typeof StageActionSchema>;

export const PresentationOrderSchema = z.strictObject({
  /** Every team of the category in running order; leave out to keep the order. */
  teamIds: z
    .array(IdSchema, { error: "Team ids must be a list." })
    .max(500, { error: "That is more teams than an event can hold." })
    .optional(),
  talkSeconds: z
    .int({ error: "The talk length must be a whole number of seconds." })
    .min(LIMITS.talkSecondsMin, {
      error: `Give each talk at least ${LIMITS.talkSecondsMin} seconds.`,
    })
    .max(LIMITS.talkSecondsMax, {
      error: `Keep each talk under ${LIMITS.talkSecondsMax / 60} minutes.`,
    })
    .optional(),
  questionsSeconds: z
    .int({ error: "The questions length must be a whole number of seconds." })
    .min(0, { error: "The questions can't take less than 0 seconds." })
    .max(LIMITS.questionsSecondsMax, {
      error: `Keep the questions under ${LIMITS.questionsSecondsMax / 60} minutes.`,
    })
    .optional(),
});
export type PresentationOrderInput = z.infer<typeof PresentationOrderSchema>;

/** A change to one team's place in the running order: skip it or bring it back, or clear its
 * "presented" mark after a false start so that "next team" reaches it again. */
export const SlotChangeSchema = z
  .strictObject({
    skipped: z
      .boolean({ error: "Say true to skip the team for now, false to bring it back." })
      .optional(),
    presented: z
      .boolean({
        error: "Say false to let the team present again, true to mark it as presented.",
      })
      .optional(),
  })
  .refine((change) => change.skipped !== undefined || change.presented !== undefined, {
    error: 'Say what changes: "skipped", "presented" or both.',
  });
export type SlotChangeInput = z.infer<typeof SlotChangeSchema>;
