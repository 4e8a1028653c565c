import { z } from "zod";
import { IdSchema } from "./common";

export const CeremonyScreenSchema = z
  .strictObject({
    start: z.literal(true, { error: "start can only be true." }).optional(),
    blank: z.boolean({ error: "blank must be true or false." }).optional(),
  })
  .refine((v) => v.start !== undefined || v.blank !== undefined, { error: "Say start or blank." });

export const TieDecisionSchema = z.strictObject({ teamId: IdSchema });
