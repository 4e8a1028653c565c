import { z } from "zod";
import { LIMITS } from "../limits";

/** A trimmed, length-capped, required piece of text. */
export const text = (max: number, label = "This") =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(1, { error: `${label} can't be empty.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });

/** Optional text: blank becomes undefined. */
export const optionalText = (max: number, label = "This") =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .optional()
    .transform((v) => (v === "" ? undefined : v));

export const EmailSchema = z
  .string({ error: "Email must be text." })
  .trim()
  .toLowerCase()
  .max(LIMITS.emailMax, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter an email address like name@example.com." }));

export const PasswordSchema = z
  .string({ error: "Password must be text." })
  .min(LIMITS.passwordMin, { error: `Use at least ${LIMITS.passwordMin} characters.` })
  .max(LIMITS.passwordMax, { error: `Use at most ${LIMITS.passwordMax} characters.` });

/** An instant as an ISO 8601 string with a zone ("2026-03-14T09:00:00Z"); parsed to a Date. */
export const InstantSchema = z
  .string({ error: "Enter a date and time." })
  .pipe(z.iso.datetime({ offset: true, error: "Enter a date and time like 2026-03-14T09:00:00Z." }))
  .transform((s) => new Date(s));

export const IdSchema = z.uuid({ error: "That id is not valid." });
