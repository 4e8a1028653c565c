import { z } from "zod";
import { LIMITS } from "../limits";
import { text } from "./common";

/** An absolute http(s) address; javascript:, data: and relative addresses are refused. */
export const WebUrlSchema = z
  .string({ error: "Enter a web address." })
  .trim()
  .max(LIMITS.urlMax, { error: `Web addresses can be at most ${LIMITS.urlMax} characters.` })
  .optional()
  .transform((v) => (v === "" ? undefined : v))
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

/** Removes control characters other than line feeds and tabs. */
function stripControlCharacters(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code === 10 || code === 9 || (code >= 32 && code !== 127)) out += ch;
  }
  return out;
}

export const SubmissionSaveSchema = z.strictObject({
  title: text(LIMITS.projectTitleMax, "Project title"),
  summary: z
    .string({ error: "The summary must be text." })
    .trim()
    .min(1, { error: "Say what your project does." })
    .max(LIMITS.summaryMax, { error: `Keep the summary under ${LIMITS.summaryMax} characters.` })
    // Keep line breaks, drop other control characters.
    .transform((v) => stripControlCharacters(v.replace(/\r\n?/g, "\n"))),
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
