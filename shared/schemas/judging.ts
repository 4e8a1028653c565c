import { z } from "zod";
import { LIMITS } from "../limits";
import { clearableText, IdempotencyKeySchema, IdSchema } from "./common";

export const ScoreSaveSchema = z.strictObject({
  scores: z.record(
    IdSchema,
    z
      .int({ error: "Scores must be whole numbers." })
      .min(0, { error: "Scores can't be below 0." })
      .max(LIMITS.maxScoreMax, { error: `Scores can't be above ${LIMITS.maxScoreMax}.` }),
    { error: "Scores must be an object of criterion ids to whole numbers." },
  ),
  // Leave out to keep the comment; send "" to clear it.
  comment: clearableText(
    LIMITS.commentMax,
    "The comment",
    `Keep the comment under ${LIMITS.commentMax} characters.`,
  ).optional(),
  /** "Share with the team" (true, the default) or "organizers only" (false). */
  commentShared: z.boolean({ error: "Say true to share the comment with the team." }).optional(),
  /** A short comment per criterion; send "" to remove one, leave a criterion out to keep it. */
  criterionComments: z
    .record(
      IdSchema,
      z.strictObject({
        text: clearableText(
          LIMITS.criterionCommentMax,
          "The comment",
          `Keep each criterion's comment under ${LIMITS.criterionCommentMax} characters.`,
        ),
        shared: z.boolean({ error: "Say true to share the comment with the team." }).optional(),
      }),
      { error: "Criterion comments must be an object of criterion ids to comments." },
    )
    .optional(),
  idempotencyKey: IdempotencyKeySchema.optional(),
});
export type ScoreSave = z.infer<typeof ScoreSaveSchema>;

export const AssignmentsSchema = z.strictObject({
  teamIds: z.array(IdSchema, { error: "Team ids must be a list." }).max(500),
});

export const RankingModeSchema = z.strictObject({
  normalized: z.boolean({ error: "Say true to rank by normalized scores, false for raw scores." }),
});

export const PanelSizeSchema = z.strictObject({
  judgesPerTeam: z
    .int({ error: "Say how many judges each team should have, as a whole number." })
    .min(LIMITS.judgesPerTeamMin, {
      error: `Each team needs at least ${LIMITS.judgesPerTeamMin} judge.`,
    })
    .max(LIMITS.judgesPerTeamMax, {
      error: `Each team can have at most ${LIMITS.judgesPerTeamMax} judges.`,
    }),
});
export type PanelSize = z.infer<typeof PanelSizeSchema>;
