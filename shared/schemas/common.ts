import { z } from "zod";
import { LIMITS } from "../limits";

// C0 controls, DEL and C1 controls; tab and line feed are allowed where text may have lines.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\t\n\u2028\u2029]/;
// Half of a UTF-16 pair without its other half: not a character, and no database stores it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a piece of text can't be stored, or null when it can. Control characters (NUL and the
 * like) are refused, not removed: text that holds them was not typed, and a database refuses
 * NUL. One-line text also refuses line breaks and tabs.
 */
export function textProblem(value: string, label: string, multiline: boolean): string | null {
  if (CONTROL.test(value) || LONE_SURROGATE.test(value))
    return `${label} has a hidden character in it that we can't store. Type it again instead of pasting it.`;
  if (!multiline && LINE_BREAK.test(value)) return `${label} must be on one line.`;
  return null;
}

/** Refines a string schema so that text with control characters is refused with a field error. */
const plain = <S extends z.ZodType<string>>(schema: S, label: string, multiline: boolean) =>
  schema.superRefine((value, ctx) => {
    const problem = textProblem(value, label, multiline);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Carriage returns become line feeds, so every stored line break is one character. */
const lines = (v: string) => v.replace(/\r\n?/g, "\n");

/** A trimmed, length-capped, required piece of text on one line. */
export const text = (max: number, label = "This") =>
  plain(
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .min(1, { error: `${label} can't be empty.` })
      .max(max, { error: `${label} must be at most ${max} characters.` }),
    label,
    false,
  );

/** Optional one-line text: blank becomes undefined. */
export const optionalText = (max: number, label = "This") =>
  plain(
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(max, { error: `${label} must be at most ${max} characters.` }),
    label,
    false,
  )
    .optional()
    .transform((v) => (v === "" ? undefined : v));

/** Text that may have several lines (a note, a description), required. */
export const multilineText = (max: number, label = "This") =>
  plain(
    z
      .string({ error: `${label} must be text.` })
      .transform(lines)
      .pipe(
        z
          .string()
          .trim()
          .min(1, { error: `${label} can't be empty.` })
          .max(max, { error: `${label} must be at most ${max} characters.` }),
      ),
    label,
    true,
  );

/** Optional text that may have several lines: blank becomes undefined. */
export const optionalMultilineText = (max: number, label = "This") =>
  plain(
    z
      .string({ error: `${label} must be text.` })
      .transform(lines)
      .pipe(
        z
          .string()
          .trim()
          .max(max, { error: `${label} must be at most ${max} characters.` }),
      ),
    label,
    true,
  )
    .optional()
    .transform((v) => (v === "" ? undefined : v));

/**
 * Text that may be blank ("" clears it) and have several lines, such as a judge's comment.
 * Unlike optionalMultilineText it keeps "" so that the caller can tell "clear" from "keep".
 */
export const clearableText = (max: number, label: string, tooLong: string) =>
  plain(
    z
      .string({ error: `${label} must be text.` })
      .transform(lines)
      .pipe(z.string().trim().max(max, { error: tooLong })),
    label,
    true,
  );

export const EmailSchema = z
  .string({ error: "Email must be text." })
  .trim()
  .toLowerCase()
  .max(LIMITS.emailMax, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter an email address like name@example.com." }));

/** A phone number as people write one: digits, spaces, +, brackets, dots and dashes. */
export const PhoneSchema = text(LIMITS.phoneMax, "Phone number").refine(
  (v) => /^[0-9+()\-.\s]{6,}$/.test(v),
  { error: "Enter a phone number using digits, spaces and + only." },
);

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

/** A key a client makes up for a write (a UUID, say): printable ASCII only. */
export const IdempotencyKeySchema = z
  .string({ error: "The idempotency key must be text." })
  .min(8, { error: "The idempotency key must have at least 8 characters." })
  .max(100, { error: "The idempotency key must have at most 100 characters." })
  .regex(/^[\x21-\x7e]+$/, { error: "The idempotency key must be letters, digits or symbols." });
