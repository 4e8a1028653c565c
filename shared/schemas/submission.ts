import { z } from "zod";
import { LIMITS } from "../limits";
import { multilineText, text, textProblem } from "./common";

/** An absolute http(s) address; javascript:, data: and relative addresses are refused. */
export const WebUrlSchema = z
  .string({ error: "Enter a web address." })
  .trim()
  .max(LIMITS.urlMax, { error: `Web addresses can be at most ${LIMITS.urlMax} characters.` })
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .refine((v) => v === undefined || textProblem(v, "", false) === null, {
    error: "A web address can't have line breaks or hidden characters in it.",
  })
  .refine(
    (v) => {
      if (v === undefined) return true;
      try {
        const url = new URL(v);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { error: "Enter a full web address starting with https:// or http://." },
  );

export const SubmissionSaveSchema = z.strictObject({
  title: text(LIMITS.projectTitleMax, "Project title"),
  summary: multilineText(LIMITS.summaryMax, "The summary"),
  repoUrl: WebUrlSchema,
  demoUrl: WebUrlSchema,
  videoUrl: WebUrlSchema,
  builtWith: z
    .array(text(LIMITS.tagMax, "Tag"), { error: "Built with must be a list." })
    .max(LIMITS.tagsMax, { error: `Use at most ${LIMITS.tagsMax} tags.` })
    .optional()
    .transform((tags) => {
      const seen = new Set<string>();
      return (tags ?? []).filter((t) => {
        const key = t.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }),
});
export type SubmissionSave = z.infer<typeof SubmissionSaveSchema>;
export type SubmissionSaveInput = z.input<typeof SubmissionSaveSchema>;

/** The version the organizer saw counting: a stale one is refused rather than withdrawing another. */
export const SubmissionWithdrawSchema = z.strictObject({
  version: z
    .number({ error: "Say which version to withdraw." })
    .int({ error: "A version is a whole number." })
    .min(1, { error: "Versions start at 1." }),
});
export type SubmissionWithdraw = z.infer<typeof SubmissionWithdrawSchema>;
