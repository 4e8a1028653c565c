import { z } from "zod";
import { LIMITS } from "../limits";
import { parseIsoDate } from "../rules/eligibility";
import { cleanTeamName } from "../rules/names";
import {
  clearableText,
  EmailSchema,
  IdSchema,
  optionalMultilineText,
  optionalText,
  PasswordSchema,
  PhoneSchema,
  text,
} from "./common";
import { SchoolNameSchema } from "./school";

export const DateOfBirthSchema = z
  .string({ error: "Enter a date of birth." })
  .trim()
  // The form has day, month and year boxes: an empty date asks for those, not for a format.
  .min(1, { error: "Choose the day, month and year of birth.", abort: true })
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
  school: SchoolNameSchema,
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

/** The version of the row the editor saw: an edit of a row changed since is refused. */
export const VersionSchema = z
  .int({ error: "Say which version you are changing." })
  .min(1, { error: "Versions start at 1." });

/** An organizer's edit of a team: its name or category, checked against the rules again. */
export const TeamEditSchema = z
  .strictObject({
    version: VersionSchema,
    name: TeamNameSchema.optional(),
    categoryId: IdSchema.optional(),
  })
  .refine((v) => v.name !== undefined || v.categoryId !== undefined, {
    error: "Change the name or the category.",
  });
export type TeamEdit = z.infer<typeof TeamEditSchema>;

const notes = (label: string) =>
  clearableText(LIMITS.notesMax, label, `${label} must be at most ${LIMITS.notesMax} characters.`);

/**
 * An edit of a member's details: any field of a member, each optional; "" clears the notes.
 * The organizer may edit at any time, the team while registration is open.
 */
export const MemberEditSchema = z
  .strictObject({
    version: VersionSchema,
    firstName: MemberSchema.shape.firstName.optional(),
    lastName: MemberSchema.shape.lastName.optional(),
    dateOfBirth: DateOfBirthSchema.optional(),
    school: MemberSchema.shape.school.optional(),
    guardian: GuardianSchema.optional(),
    dietary: notes("Dietary notes").optional(),
    medical: notes("Medical notes").optional(),
  })
  .refine((v) => Object.keys(v).length > 1, { error: "Change at least one detail." });
export type MemberEdit = z.infer<typeof MemberEditSchema>;
