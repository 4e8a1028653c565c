import { z } from "zod";
import { LIMITS } from "../limits";
import { normalizeSchool } from "../rules/schools";
import { IdSchema, text } from "./common";

/** A school's name: it must have a letter or a digit, since those are what tell schools apart. */
export const SchoolNameSchema = text(LIMITS.schoolMax, "School").refine(
  (v) => normalizeSchool(v) !== "",
  { error: "Write the school's name with letters or numbers." },
);

/** A new display name for a school, with the version the organizer saw. */
export const SchoolRenameSchema = z.strictObject({
  name: SchoolNameSchema,
  version: z.int({ error: "Say which version you are changing." }).min(1),
});
export type SchoolRename = z.infer<typeof SchoolRenameSchema>;

/** Merges the school in the path into this one, which stays. */
export const SchoolMergeSchema = z.strictObject({ intoId: IdSchema });
export type SchoolMerge = z.infer<typeof SchoolMergeSchema>;
