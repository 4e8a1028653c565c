import { z } from "zod";
import { LIMITS } from "../limits";

/** The organizer's choice of the address links use: one of the app's own addresses. */
export const LinkBaseSchema = z.strictObject({
  base: z
    .string({ error: "Choose an address." })
    .trim()
    .max(LIMITS.urlMax, { error: "Choose one of the addresses listed." })
    .regex(/^https?:\/\/[^\s/]+$/, { error: "Choose one of the addresses listed." }),
});
export type LinkBaseInput = z.infer<typeof LinkBaseSchema>;
