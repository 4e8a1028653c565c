import { z } from "zod";
import { LIMITS } from "../limits";
import { parseIsoDate } from "../rules/eligibility";
import { cleanTeamName } from "../rules/names";
import {
  EmailSchema,
  IdSchema,
  optionalMultilineText,
  optionalText,
  PasswordSchema,
  PhoneSchema,
  text,
} from "./common";

export const DateOfBirthSchema = z
  .string({ error: "Enter a date of birth." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: "Enter the date of birth as YYYY-MM-DD, like 2012-05-31.",
  })
  .refine((v) => parseIsoDate(v) !== null, {
    error: "That date does not exist. Check the day and month.",
  })
  .refine((v) => Number(v.slice(0, 4)) >= 1900, { error: "Check the year of birth." });

export const GuardianSchema = z.strictObject({
  name: text(LIMITS.nameMax, "Guardian's name"),
  email: EmailSchema,
  phone: optionalText(LIMITS.phoneMax, "Phone number").refine(
    (v) => v === undefined || PhoneSchema.safeParse(v).success,
    { error: "Enter a phone number using digits, spaces and + only." },
  ),
});

export const MemberSchema = z.strictObject({
  firstName: text(LIMITS.nameMax, "First name"),
  lastName: text(LIMITS.nameMax, "Last name"),
  dateOfBirth: DateOfBirthSchema,
  school: text(LIMITS.schoolMax, "School"),
  guardian: GuardianSchema,
  dietary: optionalMultilineText(LIMITS.notesMax, "Dietary notes"),
  medical: optionalMultilineText(LIMITS.notesMax, "Medical notes"),
});
export type Member = z.infer<typeof MemberSchema>;
export type MemberInput = z.input<typeof MemberSchema>;

/** Invisible characters (direction overrides, zero-width spaces) are dropped: see cleanTeamName. */
export const TeamNameSchema = text(LIMITS.teamNameMax, "Team name")
  .transform(cleanTeamName)
  .pipe(z.string().min(1, { error: "Team name can't be made of invisible characters only." }));

export const TeamCreateSchema = z.strictObject({
  name: TeamNameSchema,
  categoryId: IdSchema,
  contact: z.strictObject({ email: EmailSchema, password: PasswordSchema }),
  // The size limit is the event's and is checked by the eligibility rules with a clear message;
  // this cap only stops absurd bodies.
  members: z
    .array(MemberSchema, { error: "Members must be a list." })
    .min(1, { error: "A team needs at least one member." })
    .max(LIMITS.teamSizeCap, { error: `A team can have at most ${LIMITS.teamSizeCap} members.` }),
});
export type TeamCreate = z.infer<typeof TeamCreateSchema>;
export type TeamCreateInput = z.input<typeof TeamCreateSchema>;

export const ConsentAnswerSchema = z.strictObject({
  guardianName: text(LIMITS.nameMax, "Your name"),
  consent: z.boolean({ error: "Say yes or no to taking part." }),
  photoConsent: z.boolean({ error: "Say yes or no to photos." }),
});
export type ConsentAnswer = z.infer<typeof ConsentAnswerSchema>;

/**
 * An answer an organizer records for a guardian: a paper form, or a phone call. It may change
 * an answer already given (a guardian who changes their mind), so it says yes or no.
 */
export const ConsentRecordSchema = z.strictObject({
  method: z.enum(["paper", "phone"], { error: 'Say how the answer came: "paper" or "phone".' }),
  consent: z.boolean({ error: "Say yes or no to taking part." }).default(true),
  photoConsent: z.boolean({ error: "Say yes or no to photos." }),
  guardianName: optionalText(LIMITS.nameMax, "Who answered"),
  note: optionalText(LIMITS.consentNoteMax, "The note"),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;
export type ConsentRecordInput = z.input<typeof ConsentRecordSchema>;

export const CONSENT_STATUSES = ["awaiting", "given", "refused"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
